namespace Orleans.Licensing;

/// <summary>
/// Questions about many licenses, answered from the license store's rows (never by activating license grains),
/// each call a bounded amount of work: a page of at most <c>limit</c> licenses.
/// </summary>
[Alias("licensing.IReportingGrain")]
public interface IReportingGrain : IGrainWithIntegerKey
{
    /// <summary>The largest page a call may ask for: one call stays well inside Orleans' call timeout and message size.</summary>
    public const int MaxPageLicenses = 10_000;

    [Alias("List")]
    Task<LicensePage> List(string? productId, string? status, string? after, int limit, CancellationToken cancellation = default);

    /// <summary>
    /// The billing lines of the next <paramref name="limit"/> real licenses after <paramref name="after"/> (null to
    /// begin), for the days <paramref name="firstDay"/> to <paramref name="lastDay"/>.
    /// </summary>
    [Alias("BillingPage")]
    Task<BillingPage> BillingPage(DateOnly firstDay, DateOnly lastDay, string? after, int limit, CancellationToken cancellation = default);

    /// <summary>A page of licenses by a PURCHASE_ID prefix and filters, by PURCHASE_ID or by expiry (the console's list).</summary>
    [Alias("Search")]
    Task<LicensePage> Search(LicenseSearch search, CancellationToken cancellation = default);

    /// <summary>The console's overview: counts, issuances per day, licenses expiring soon and past expiry.</summary>
    [Alias("Overview")]
    Task<LicenseOverview> Overview(CancellationToken cancellation = default);

    /// <summary>Every body issued for a license, oldest first; empty when the license is not known.</summary>
    [Alias("Bodies")]
    Task<IReadOnlyList<IssuedBody>> Bodies(string purchaseId, CancellationToken cancellation = default);

    /// <summary>Per signing key, the bodies not expired yet and the latest expiry among them.</summary>
    [Alias("KeyUsage")]
    Task<IReadOnlyList<KeyUsage>> KeyUsage(CancellationToken cancellation = default);
}
