namespace Orleans.Licensing;

/// <summary>A license as the listing shows it, from its state row.</summary>
[GenerateSerializer, Immutable, Alias("licensing.LicenseSummary")]
public sealed record LicenseSummary(
    string PurchaseId, string ProductId, string Status, bool TestMode, DateOnly StartDate, DateOnly ExpiryDate, DateOnly? TerminatedOn);
