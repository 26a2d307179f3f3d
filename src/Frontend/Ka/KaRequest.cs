namespace Orleans.Licensing.Frontend.Ka;

/// <summary>A KA request that passed validation (spec B.3).</summary>
internal abstract record KaRequest(LicenseAction Action, string PurchaseId);
