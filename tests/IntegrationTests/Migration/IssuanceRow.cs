namespace Orleans.Licensing.IntegrationTests.Migration;

/// <summary>A row of LicenseIssuances: one body a license was issued, with what it was issued for.</summary>
internal sealed record IssuanceRow(
    string ServiceId,
    string PurchaseId,
    int Revision,
    string Cause,
    string ProductId,
    bool TestMode,
    string? RegName,
    string? ActivationData,
    string? SubscriptionDate,
    string StartDate,
    string ExpiryDate,
    DateTimeOffset ExpiresAt,
    DateTimeOffset IssuedAt,
    string KeyId,
    byte[] Body)
{
    public override string ToString() => $"{PurchaseId} revision {Revision}";
}
