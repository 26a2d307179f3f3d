namespace Orleans.Licensing.Frontend.Ka;

internal sealed record KaGetInfoRequest(string PurchaseId, string ProductId) : KaRequest(LicenseAction.GetInfo, PurchaseId);
