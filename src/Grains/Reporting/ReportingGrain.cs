using Orleans.Concurrency;

namespace Orleans.Licensing.Reporting;

/// <summary>Listings and billing, on whichever silo the caller reaches; see <see cref="ILicenseQueries"/>.</summary>
[StatelessWorker]
internal sealed class ReportingGrain(ILicenseQueries queries, TimeProvider time) : Grain, IReportingGrain
{
    public Task<LicensePage> List(string? productId, string? status, string? after, int limit, CancellationToken cancellation) =>
        queries.List(productId, status, after, limit, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), cancellation);

    public Task<BillingPage> BillingPage(DateOnly firstDay, DateOnly lastDay, string? after, int limit, CancellationToken cancellation)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, IReportingGrain.MaxPageLicenses);
        LicensingTelemetry.BillingPages.Add(1);
        return queries.BillingPage(firstDay, lastDay, after, limit, cancellation);
    }
}
