namespace Orleans.Licensing;

/// <summary>A validated PURCHASE, RENEW or UPGRADE request, as KA sent it: <see cref="Action"/> says which.</summary>
[GenerateSerializer, Immutable, Alias("licensing.LicenseOrder")]
public sealed record LicenseOrder(
    LicenseAction Action,
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
    public override string ToString() => $"LicenseOrder {{ Action = {Action}, PurchaseId = {PurchaseId}, ProductId = {ProductId}, StartDate = {StartDate:O}, ExpiryDate = {ExpiryDate:O} }}";
}
