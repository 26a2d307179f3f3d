namespace Orleans.Licensing;

/// <summary>One body the service issued for a license, as the operator sees it.</summary>
[GenerateSerializer, Immutable, Alias("licensing.IssuanceSummary")]
public sealed record IssuanceSummary(
    int Revision,
    string Cause,
    string ProductId,
    DateOnly StartDate,
    DateOnly ExpiryDate,
    DateTimeOffset ExpiresAt,
    DateTimeOffset IssuedAt,
    string KeyId,
    string BodySha256);
