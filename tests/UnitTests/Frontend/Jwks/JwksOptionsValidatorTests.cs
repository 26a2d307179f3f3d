using Orleans.Licensing.Frontend.Jwks;

namespace Orleans.Licensing.UnitTests;

public sealed class JwksOptionsValidatorTests
{
    [Theory]
    [InlineData("00:00:00", false)]
    [InlineData("00:00:00.5", false)]
    [InlineData("00:00:01", true)]
    [InlineData("00:05:00", true)]
    [InlineData("1.00:00:00", true)]
    [InlineData("1.00:00:01", false)]
    [InlineData("-00:05:00", false)]
    public void The_refresh_interval_is_between_a_second_and_a_day(string interval, bool valid)
    {
        var result = new JwksOptionsValidator().Validate(null, new JwksOptions { RefreshInterval = TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("Licensing:Jwks:RefreshInterval", result.FailureMessage, StringComparison.Ordinal);
        }
    }
}
