namespace Orleans.Licensing;

[GenerateSerializer, Immutable, Alias("licensing.BillingReport")]
public sealed record BillingReport(DateOnly From, DateOnly To, DateTimeOffset GeneratedAt, int LicensesConsidered, IReadOnlyList<BillingLine> Lines);
