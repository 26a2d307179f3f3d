using Orleans.Licensing.IntegrationTests.Support;

namespace Orleans.Licensing.IntegrationTests.OperatorApi;

/// <summary>A frontend that reads the billing report one license per page, so a handful of licenses make many pages.</summary>
public sealed class PagedBillingFrontend() : EmbeddedFrontend(new Dictionary<string, string?>
{
    ["Licensing:Operator:BillingPageLicenses"] = "1",
});
