namespace Orleans.Licensing.Bench;

/// <summary>
/// bench/scale.sh's console phase for one size (its N-console.json): the operator console's overview and first
/// page of licenses, logged in, each asked for once cold and then <see cref="Repeats"/> times; the goal is 300 ms.
/// </summary>
internal sealed record ScaleConsole(
    int Repeats,
    int OverviewStatus,
    double OverviewFirstMs,
    double OverviewMedianMs,
    double OverviewMaxMs,
    int ListStatus,
    double ListFirstMs,
    double ListMedianMs,
    double ListMaxMs);
