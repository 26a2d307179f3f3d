namespace Orleans.Licensing.Reporting;

/// <summary>
/// Listings and billing pages, read straight from the rows the license store wrote; the storage project
/// implements it, so the grain that answers these queries does not depend on a database driver.
/// </summary>
public interface ILicenseQueries
{
    Task<LicensePage> List(string? productId, string? status, string? after, int limit, DateOnly today, CancellationToken cancellation = default);

    /// <summary>B.10: the billing lines of the next <paramref name="limit"/> real licenses after <paramref name="after"/>.</summary>
    Task<BillingPage> BillingPage(DateOnly firstDay, DateOnly lastDay, string? after, int limit, CancellationToken cancellation = default);

    /// <summary>B.13: every terminated license whose expiry is on or after <paramref name="expiringFrom"/>, by PURCHASE_ID.</summary>
    Task<IReadOnlyList<TerminatedLicense>> Terminated(DateOnly expiringFrom, CancellationToken cancellation = default);

    /// <summary>The console's list; <see cref="LicenseSearch.Limit"/> is already checked.</summary>
    Task<LicensePage> Search(LicenseSearch search, DateOnly today, CancellationToken cancellation = default);

    /// <summary>The console's overview as of <paramref name="today"/>, over <paramref name="days"/> days each way.</summary>
    Task<LicenseOverview> Overview(DateOnly today, int days, int listed, CancellationToken cancellation = default);

    Task<IReadOnlyList<IssuedBody>> Bodies(string purchaseId, CancellationToken cancellation = default);

    /// <summary>Per key, the bodies whose expiry is after <paramref name="now"/>.</summary>
    Task<IReadOnlyList<KeyUsage>> KeyUsage(DateTimeOffset now, CancellationToken cancellation = default);
}
