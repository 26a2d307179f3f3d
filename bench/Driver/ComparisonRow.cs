namespace Orleans.Licensing.Bench;

/// <summary>One line of the comparison: a configuration's phase, and the ceiling it is measured against.</summary>
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
    long ReplayMismatches);
