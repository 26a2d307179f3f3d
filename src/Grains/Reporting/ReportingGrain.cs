using Orleans.Concurrency;

namespace Orleans.Licensing.Reporting;

/// <summary>One per silo, so catch-ups on a silo never race each other; see <see cref="LicenseIndex"/>.</summary>
[StatelessWorker(1)]
internal sealed class ReportingGrain(LicenseIndex index, TimeProvider time) : Grain, IReportingGrain
{
    public async Task<LicensePage> List(string? productId, string? status, string? after, int limit)
    {
        await index.CatchUp();
        return await index.List(productId, status, after, limit, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
    }

    public async Task<BillingReport> Billing(DateOnly firstDay, DateOnly lastDay)
    {
        await index.CatchUp();
        var (considered, lines) = await index.Billing(firstDay, lastDay);
        return new BillingReport(firstDay, lastDay, time.GetUtcNow(), considered, lines);
    }
}
