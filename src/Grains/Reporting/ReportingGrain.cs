using Orleans.Concurrency;

namespace Orleans.Licensing.Reporting;

/// <summary>Listings and billing, on whichever silo the caller reaches; see <see cref="LicenseQueries"/>.</summary>
[StatelessWorker]
internal sealed class ReportingGrain(LicenseQueries queries, TimeProvider time) : Grain, IReportingGrain
{
    public Task<LicensePage> List(string? productId, string? status, string? after, int limit) =>
        queries.List(productId, status, after, limit, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));

    public async Task<BillingReport> Billing(DateOnly firstDay, DateOnly lastDay)
    {
        var (considered, lines) = await queries.Billing(firstDay, lastDay);
        return new BillingReport(firstDay, lastDay, time.GetUtcNow(), considered, lines);
    }
}
