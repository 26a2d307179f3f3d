namespace Orleans.Licensing.Frontend.Ka;

internal sealed record KaTerminateRequest(TerminationOrder Order) : KaRequest(Order.PurchaseId);
