namespace Orleans.Licensing.Bench;

/// <summary>One phase's figures as written to JSON. Latencies in milliseconds, memory in MiB, CPU in cores.</summary>
internal sealed record PhaseResult(
    string Name,
    string Mode,
    string Mix,
    int Concurrency,
    double? TargetRate,
    double DurationSeconds,
    long Requests,
    double Throughput,
    double P50Ms,
    double P90Ms,
    double P99Ms,
    double P999Ms,
    double MaxMs,
    double MeanMs,
    IReadOnlyDictionary<string, long> Statuses,
    IReadOnlyDictionary<string, long> Actions,
    IReadOnlyDictionary<string, long> WantedActions,
    long Conversions,
    long NonOk,
    long ReplayMismatches,
    double? ServiceCpuCores,
    double? DatabaseCpuCores,
    double? ServicePeakMemoryMiB,
    IReadOnlyList<string> Problems);
