namespace Orleans.Licensing;

/// <summary>A license as the read model lists it.</summary>
[GenerateSerializer, Immutable, Alias("licensing.LicenseSummary")]
public sealed record LicenseSummary(
    string PurchaseId, string ProductId, string Status, bool TestMode, DateOnly StartDate, DateOnly ExpiryDate, DateOnly? TerminatedOn);
