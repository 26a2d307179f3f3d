namespace Orleans.Licensing;

/// <summary>What the operator API shows of one license.</summary>
[GenerateSerializer, Immutable, Alias("licensing.LicenseView")]
public sealed record LicenseView(
    string PurchaseId,
    string ProductId,
    string Status,
    bool TestMode,
    string? RegName,
    DateOnly StartDate,
    DateOnly ExpiryDate,
    DateTimeOffset ExpiresAt,
    DateOnly? TerminationDate,
    IReadOnlyList<UsageCounter> Usage,
    IReadOnlyList<IssuanceSummary> Issuances,
    IReadOnlyList<AuditEntry> Audit);
