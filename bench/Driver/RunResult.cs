namespace Orleans.Licensing.Bench;

/// <summary>One driver run against one configuration: every phase, in order.</summary>
internal sealed record RunResult(string Label, string Url, DateTimeOffset StartedAt, int Concurrency, int SeededLicenses, IReadOnlyList<PhaseResult> Phases);
