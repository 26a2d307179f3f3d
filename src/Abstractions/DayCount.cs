namespace Orleans.Licensing;

/// <summary>How many of something happened on one (UTC) day.</summary>
[GenerateSerializer, Immutable, Alias("licensing.DayCount")]
public sealed record DayCount(DateOnly Day, long Count);
