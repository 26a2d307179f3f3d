namespace Orleans.Licensing;

/// <summary>
/// What the console's license list asks for: a PURCHASE_ID prefix, filters, and the order. <see cref="After"/> is
/// the previous page's <see cref="LicensePage.Next"/>, which only a search with the same order understands.
/// </summary>
[GenerateSerializer, Immutable, Alias("licensing.LicenseSearch")]
public sealed record LicenseSearch(
    string? PurchaseIdPrefix,
    string? ProductId,
    string? Status,
    bool? TestMode,
    bool ByExpiry,
    string? After,
    int Limit);
