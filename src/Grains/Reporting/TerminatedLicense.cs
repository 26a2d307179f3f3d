namespace Orleans.Licensing.Reporting;

/// <summary>A license KA terminated, as the revocation document lists it.</summary>
public sealed record TerminatedLicense(string PurchaseId, DateOnly TerminatedOn);
