namespace Orleans.Licensing;

/// <summary>A validated PURCHASE, RENEW or UPGRADE request, as KA sent it.</summary>
[GenerateSerializer, Immutable, Alias("licensing.LicenseOrder")]
public sealed record LicenseOrder(
    string PurchaseId,
    string ProductId,
    bool TestMode,
    DateOnly StartDate,
    DateOnly ExpiryDate,
    DateOnly? SubscriptionDate = null,
    DateOnly? PurchaseDate = null,
    string? RegName = null,
    string? ActivationData = null,
    byte[]? PreviousLicenseBody = null);
