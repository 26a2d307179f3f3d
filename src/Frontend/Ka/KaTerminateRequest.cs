namespace Orleans.Licensing.Frontend.Ka;

internal sealed record KaTerminateRequest(TerminationOrder Order) : KaRequest(LicenseAction.Terminate, Order.PurchaseId);
