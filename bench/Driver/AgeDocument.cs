namespace Orleans.Licensing.Bench;

/// <summary>bench/results/age-STORAGE.json: the machine, every run (each variant in each round) and the medians per phase and variant.</summary>
internal sealed record AgeDocument(
    DateTimeOffset GeneratedAt,
    MachineInfo Machine,
    string Storage,
    int Concurrency,
    IReadOnlyList<AgeRow> Runs,
    IReadOnlyList<AgeSummary> Summary);
