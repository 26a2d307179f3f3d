namespace Orleans.Licensing;

/// <summary>
/// The console's overview, as of <see cref="Today"/>: licenses by product, test flag and status; bodies issued per
/// day over the last <see cref="Days"/> days; real and test licenses that expire within the next <see cref="Days"/>
/// days and those past expiry that KA has not terminated yet, each as a total and the first few by expiry.
/// </summary>
[GenerateSerializer, Immutable, Alias("licensing.LicenseOverview")]
public sealed record LicenseOverview(
    DateOnly Today,
    int Days,
    IReadOnlyList<LicenseCount> Counts,
    IReadOnlyList<DayCount> IssuedPerDay,
    long ExpiringCount,
    IReadOnlyList<LicenseSummary> Expiring,
    long OverdueCount,
    IReadOnlyList<LicenseSummary> Overdue);
