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
    byte[]? PreviousLicenseBody = null)
{
    /// <summary>Names the license, never its ACTIVATION_DATA or body: arguments of failed calls can end up in logs.</summary>
    public override string ToString() => $"LicenseOrder {{ PurchaseId = {PurchaseId}, ProductId = {ProductId}, StartDate = {StartDate:O}, ExpiryDate = {ExpiryDate:O} }}";
}
