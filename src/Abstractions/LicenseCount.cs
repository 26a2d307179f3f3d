namespace Orleans.Licensing;

/// <summary>How many licenses of one product, test flag and status there are.</summary>
[GenerateSerializer, Immutable, Alias("licensing.LicenseCount")]
public sealed record LicenseCount(string ProductId, bool TestMode, string Status, long Count);
