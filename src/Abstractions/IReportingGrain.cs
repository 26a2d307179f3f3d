namespace Orleans.Licensing;

/// <summary>
/// Questions about many licenses, answered from the read model (never by activating license grains).
/// Each call first brings the read model up to date with what storage holds.
/// </summary>
[Alias("licensing.IReportingGrain")]
public interface IReportingGrain : IGrainWithIntegerKey
{
    [Alias("List")]
    Task<LicensePage> List(string? productId, string? status, string? after, int limit);

    [Alias("Billing")]
    Task<BillingReport> Billing(DateOnly firstDay, DateOnly lastDay);
}
