namespace Orleans.Licensing.Bench;

/// <summary>One measured phase of a size in the scale run, with its CPU cost per answered request.</summary>
internal sealed record ScalePhase(
    string Name,
    double Throughput,
    double P50Ms,
    double P99Ms,
    double? ServiceMicrosPerRequest,
    double? DatabaseMicrosPerRequest,
    double? ServicePeakMemoryMiB,
    long NonOk,
    long ReplayMismatches)
{
    public static ScalePhase From(PhaseResult phase) => new(
        phase.Name,
        phase.Throughput,
        phase.P50Ms,
        phase.P99Ms,
        ScaleReport.MicrosPerRequest(phase.ServiceCpuCores, phase.Throughput),
        ScaleReport.MicrosPerRequest(phase.DatabaseCpuCores, phase.Throughput),
        phase.ServicePeakMemoryMiB,
        phase.NonOk,
        phase.ReplayMismatches);
}
