namespace Orleans.Licensing.IntegrationTests.Migration;

/// <summary>A row of LicenseAudit: one entry of a license's audit trail.</summary>
internal sealed record AuditRow(string ServiceId, string PurchaseId, int Version, int Entry, DateTimeOffset At, string Cause, string Detail);
