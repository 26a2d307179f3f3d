namespace Orleans.Licensing;

[GenerateSerializer, Immutable, Alias("licensing.UsageCounter")]
public sealed record UsageCounter(string Name, long Value);
