namespace Orleans.Licensing.IntegrationTests.Cluster;

/// <summary>One issuance row of the license store, dates as stored.</summary>
internal sealed record StoredIssuance(string Cause, string ProductId, string StartDate, string ExpiryDate, DateTimeOffset ExpiresAt, byte[] Body);
