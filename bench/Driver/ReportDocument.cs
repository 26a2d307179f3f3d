namespace Orleans.Licensing.Bench;

/// <summary>bench/results/latest.json: the machine, the ceilings, every configuration's raw phases, and the comparison.</summary>
internal sealed record ReportDocument(
    DateTimeOffset GeneratedAt,
    MachineInfo Machine,
    PhaseResult? HttpCeiling,
    PgbenchResult? StorageCeiling,
    IReadOnlyList<ComparisonRow> Comparison,
    IReadOnlyList<RunResult> Runs);
