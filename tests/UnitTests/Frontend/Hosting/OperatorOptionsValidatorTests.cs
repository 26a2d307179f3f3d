using Orleans.Licensing.Frontend.Hosting;
using Orleans.Licensing.Frontend.Operator;
using Orleans.Licensing.Frontend.Security;

namespace Orleans.Licensing.UnitTests;

public sealed class OperatorOptionsValidatorTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(IReportingGrain.MaxPageLicenses + 1)]
    public void A_billing_page_size_outside_1_to_the_grains_maximum_stops_the_start_naming_the_key(int licenses)
    {
        var result = new OperatorOptionsValidator().Validate(null, Options(licenses));

        Assert.True(result.Failed);
        Assert.Contains("Licensing:Operator:BillingPageLicenses", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1000)]
    [InlineData(IReportingGrain.MaxPageLicenses)]
    public void A_billing_page_size_within_the_bound_is_accepted(int licenses)
    {
        Assert.True(new OperatorOptionsValidator().Validate(null, Options(licenses)).Succeeded);
    }

    private static OperatorOptions Options(int billingPageLicenses) => new()
    {
        Credentials = { new Credential { UserName = "isv", Password = "a-long-operator-secret" } },
        BillingPageLicenses = billingPageLicenses,
    };
}
