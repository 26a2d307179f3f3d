namespace Orleans.Licensing.IntegrationTests.Support;

/// <summary>Grain tests read as KA's actions: each sets the order's action and issues it.</summary>
internal static class LicenseGrainCalls
{
    public static Task<LicenseReply> Purchase(this ILicenseGrain license, LicenseOrder order) =>
        license.Issue(order with { Action = LicenseAction.Purchase });

    public static Task<LicenseReply> Renew(this ILicenseGrain license, LicenseOrder order) =>
        license.Issue(order with { Action = LicenseAction.Renew });

    public static Task<LicenseReply> Upgrade(this ILicenseGrain license, LicenseOrder order) =>
        license.Issue(order with { Action = LicenseAction.Upgrade });
}
