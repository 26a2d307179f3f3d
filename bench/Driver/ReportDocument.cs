namespace Orleans.Licensing.Bench;

/// <summary>
/// bench/results/latest.json: the machine, the ceilings, every configuration's raw phases, the comparison, each
/// service configuration against the peer, and the goals.
/// </summary>
internal sealed record ReportDocument(
    DateTimeOffset GeneratedAt,
    MachineInfo Machine,
    PhaseResult? HttpCeiling,
    PgbenchResult? StorageCeiling,
    IReadOnlyList<ComparisonRow> Comparison,
    IReadOnlyList<PeerComparison> AgainstPeer,
    IReadOnlyList<GoalResult> Goals,
    IReadOnlyList<RunResult> Runs);
