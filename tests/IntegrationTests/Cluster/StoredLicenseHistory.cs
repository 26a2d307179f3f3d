namespace Orleans.Licensing.IntegrationTests.Cluster;

/// <summary>One license as its rows in the store hold it.</summary>
internal sealed record StoredLicenseHistory(List<StoredIssuance> Issuances, bool IsTerminated);
