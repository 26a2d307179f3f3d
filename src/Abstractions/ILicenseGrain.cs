namespace Orleans.Licensing;

/// <summary>
/// One license, i.e. one KA PURCHASE_ID. Not reentrant: every call for a license is serialized here.
/// Get it through <see cref="LicenseGrainKey"/> so that raw ids never become storage keys.
/// </summary>
[Alias("licensing.ILicenseGrain")]
public interface ILicenseGrain : IGrainWithStringKey
{
    /// <summary>PURCHASE, RENEW or UPGRADE, as <see cref="LicenseOrder.Action"/> says.</summary>
    [Alias("Issue")]
    Task<LicenseReply> Issue(LicenseOrder order);

    [Alias("Terminate")]
    Task<LicenseReply> Terminate(TerminationOrder order);

    [Alias("GetInfo")]
    Task<LicenseReply> GetInfo(string productId);

    [Alias("ReportUsage")]
    Task<LicenseReply> ReportUsage(IReadOnlyDictionary<string, long> counters);

    [Alias("Describe")]
    Task<LicenseView?> Describe();
}
