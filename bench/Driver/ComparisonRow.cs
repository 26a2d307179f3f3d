namespace Orleans.Licensing.Bench;

/// <summary>
/// One line of the comparison: a configuration's phase, the ceiling it is measured against, and for the services
/// the peer's same phase: its throughput (closed loop) or its p99 at the same rate (open loop).
/// </summary>
internal sealed record ComparisonRow(
    string Configuration,
    string Phase,
    double Throughput,
    string? Ceiling,
    double? CeilingThroughput,
    double? RatioToCeiling,
    double P50Ms,
    double P99Ms,
    double P999Ms,
    double? ServiceCpuCores,
    double? DatabaseCpuCores,
    double? ServicePeakMemoryMiB,
    long NonOk,
    long ReplayMismatches,
    double? PeerThroughput = null,
    double? RatioToPeer = null,
    double? PeerRate = null,
    double? PeerP99Ms = null,
    double? P99RatioToPeer = null);
