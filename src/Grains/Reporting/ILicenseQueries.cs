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
}
