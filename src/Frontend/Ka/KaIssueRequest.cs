namespace Orleans.Licensing.Frontend.Ka;

/// <summary>PURCHASE, RENEW or UPGRADE: the order says which.</summary>
internal sealed record KaIssueRequest(LicenseOrder Order) : KaRequest(Order.Action, Order.PurchaseId);
