using Orleans.Licensing.Licenses;

namespace Orleans.Licensing.Frontend.Ka;

/// <summary>PURCHASE, RENEW or UPGRADE.</summary>
internal sealed record KaIssueRequest(LicenseAction Action, LicenseOrder Order) : KaRequest(Order.PurchaseId);
