using Orleans.Concurrency;

namespace Orleans.Licensing.Reporting;

/// <summary>Listings and billing, on whichever silo the caller reaches; see <see cref="ILicenseQueries"/>.</summary>
[StatelessWorker]
internal sealed class ReportingGrain(ILicenseQueries queries, TimeProvider time) : Grain, IReportingGrain
{
    public Task<LicensePage> List(string? productId, string? status, string? after, int limit, CancellationToken cancellation) =>
        queries.List(productId, status, after, limit, Today(), cancellation);

    public Task<BillingPage> BillingPage(DateOnly firstDay, DateOnly lastDay, string? after, int limit, CancellationToken cancellation)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, IReportingGrain.MaxPageLicenses);
        LicensingTelemetry.BillingPages.Add(1);
        return queries.BillingPage(firstDay, lastDay, after, limit, cancellation);
    }

    public Task<LicensePage> Search(LicenseSearch search, CancellationToken cancellation)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(search.Limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(search.Limit, IReportingGrain.MaxPageLicenses);
        return queries.Search(search, Today(), cancellation);
    }

    /// <summary>Thirty days each way; ten licenses of each list, the rest are a search away.</summary>
    public Task<LicenseOverview> Overview(CancellationToken cancellation) => queries.Overview(Today(), 30, 10, cancellation);

    public Task<IReadOnlyList<IssuedBody>> Bodies(string purchaseId, CancellationToken cancellation) => queries.Bodies(purchaseId, cancellation);

    public Task<IReadOnlyList<KeyUsage>> KeyUsage(CancellationToken cancellation) => queries.KeyUsage(time.GetUtcNow(), cancellation);

    private DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}
