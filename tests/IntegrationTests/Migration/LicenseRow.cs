namespace Orleans.Licensing.IntegrationTests.Migration;

/// <summary>A row of Licenses: the license's state and the columns listings filter on.</summary>
internal sealed record LicenseRow(
    string ServiceId,
    string PurchaseId,
    int Version,
    string ProductId,
    bool TestMode,
    string StartDate,
    string ExpiryDate,
    string? TerminatedOn,
    int Revision,
    byte[] State);
