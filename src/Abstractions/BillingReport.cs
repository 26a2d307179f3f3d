namespace Orleans.Licensing;

/// <summary>
/// The billing report's document as the operator API writes it (a page of licenses at a time, see
/// <see cref="BillingPage"/>): clients read it with this type. <see cref="LicensesConsidered"/> is written after
/// the lines, once every page is counted.
/// </summary>
public sealed record BillingReport(DateOnly From, DateOnly To, DateTimeOffset GeneratedAt, int LicensesConsidered, IReadOnlyList<BillingLine> Lines);
