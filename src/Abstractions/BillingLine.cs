namespace Orleans.Licensing;

/// <summary>Days one real license was active on one product within the report's period.</summary>
[GenerateSerializer, Immutable, Alias("licensing.BillingLine")]
public sealed record BillingLine(string PurchaseId, string ProductId, int ActiveDays, DateOnly FirstDay, DateOnly LastDay);
