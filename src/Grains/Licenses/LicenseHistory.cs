namespace Orleans.Licensing.Licenses;

/// <summary>A license's history rows as the operator sees them, oldest first.</summary>
public sealed record LicenseHistory(IReadOnlyList<IssuanceSummary> Issuances, IReadOnlyList<AuditEntry> Audit);
