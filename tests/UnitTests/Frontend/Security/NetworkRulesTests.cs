using System.Net;
using Orleans.Licensing.Frontend.Security;

namespace Orleans.Licensing.UnitTests;

public sealed class NetworkRulesTests
{
    [Theory]
    [InlineData("10.0.0.0/8", "10.255.1.2", true)]
    [InlineData("10.0.0.0/8", "11.0.0.1", false)]
    [InlineData("192.0.2.7", "192.0.2.7", true)]
    [InlineData("192.0.2.7", "192.0.2.8", false)]
    [InlineData("10.0.0.0/8", "::ffff:10.1.2.3", true)]
    [InlineData("2001:db8::/32", "2001:db8:ffff::1", true)]
    [InlineData("2001:db8::1", "2001:db8::1", true)]
    [InlineData(" 172.16.0.0/12 ", "172.31.255.255", true)]
    public void A_network_or_an_address_contains_what_it_should(string entry, string address, bool contained)
    {
        Assert.True(NetworkRules.TryParse(entry, out var network));

        Assert.Equal(contained, NetworkRules.Contains([network], IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("10")]
    [InlineData("10.0.0.1/8")]
    [InlineData("10.0.0.0/33")]
    [InlineData("example.com")]
    [InlineData("")]
    public void Anything_else_is_refused_naming_the_entry(string entry)
    {
        Assert.False(NetworkRules.TryParse(entry, out _));

        var problem = Assert.Single(NetworkRules.Problems("Licensing:Ka:AllowedNetworks", ["10.0.0.0/8", entry]));
        Assert.StartsWith("Licensing:Ka:AllowedNetworks:1 ", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::")]
    [InlineData("::ffff:192.0.2.1", "192.0.2.1")]
    [InlineData("192.0.2.1", "192.0.2.1")]
    public void A_client_is_an_IPv4_address_or_an_IPv6_64(string address, string bucket)
    {
        Assert.Equal(IPAddress.Parse(bucket), NetworkRules.ClientBucket(IPAddress.Parse(address)));
    }
}
