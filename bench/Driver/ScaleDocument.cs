namespace Orleans.Licensing.Bench;

/// <summary>bench/results/scale.json: the machine and one row per size.</summary>
internal sealed record ScaleDocument(DateTimeOffset GeneratedAt, MachineInfo Machine, IReadOnlyList<ScaleRow> Sizes);
