namespace Orleans.Licensing.Bench;

/// <summary>
/// One phase of one variant (new or aged; <see cref="Variant"/> as the tables name it) over every round: the median of each figure, and the range of the CPU
/// costs per request, the figures the comparison rests on.
/// </summary>
internal sealed record AgeSummary(
    string Phase,
    string Variant,
    int Renewals,
    int Rounds,
    double Throughput,
    double P50Ms,
    double P99Ms,
    double? ServiceMicrosPerRequest,
    double? ServiceMicrosMin,
    double? ServiceMicrosMax,
    double? DatabaseMicrosPerRequest,
    double? DatabaseMicrosMin,
    double? DatabaseMicrosMax,
    long NonOk,
    long ReplayMismatches);
