namespace Orleans.Licensing;

/// <summary>
/// The billing lines of a bounded run of licenses, in PURCHASE_ID order; <see cref="Next"/> continues after the
/// last license read, null when there is none. <see cref="LicensesConsidered"/> counts this page's licenses with a
/// period in the report's range.
/// </summary>
[GenerateSerializer, Immutable, Alias("licensing.BillingPage")]
public sealed record BillingPage(IReadOnlyList<BillingLine> Lines, int LicensesConsidered, string? Next);
