namespace Orleans.Licensing.Bench;

/// <summary>One phase of an age run (the seed, the aging or a measured phase), with its CPU cost per answered request.</summary>
internal sealed record AgePhase(
    string Name,
    double DurationSeconds,
    long Requests,
    double Throughput,
    double P50Ms,
    double P99Ms,
    double? ServiceMicrosPerRequest,
    double? DatabaseMicrosPerRequest,
    long NonOk,
    long ReplayMismatches)
{
    public static AgePhase From(PhaseResult phase) => new(
        phase.Name,
        phase.DurationSeconds,
        phase.Requests,
        phase.Throughput,
        phase.P50Ms,
        phase.P99Ms,
        ScaleReport.MicrosPerRequest(phase.ServiceCpuCores, phase.Throughput),
        ScaleReport.MicrosPerRequest(phase.DatabaseCpuCores, phase.Throughput),
        phase.NonOk,
        phase.ReplayMismatches);
}
