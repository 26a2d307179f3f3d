using Microsoft.Extensions.Options;
using Orleans.Licensing.Hosting;

namespace Orleans.Licensing.UnitTests;

public sealed class LicensingClusterOptionsValidatorTests
{
    [Fact]
    public void The_defaults_are_accepted()
    {
        Assert.True(Validate(new LicensingClusterOptions()).Succeeded);
    }

    [Fact]
    public void An_unknown_clustering_is_refused_naming_the_setting_and_the_choices()
    {
        var result = Validate(new LicensingClusterOptions { Clustering = (ClusteringProvider)5 });

        Assert.True(result.Failed);
        Assert.Contains("Licensing:Cluster:Clustering must be Localhost or AdoNet; it is 5", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ServiceId")]
    [InlineData("ClusterId")]
    public void An_empty_id_is_refused_naming_it(string key)
    {
        var options = new LicensingClusterOptions();
        typeof(LicensingClusterOptions).GetProperty(key)!.SetValue(options, " ");

        var result = Validate(options);

        Assert.True(result.Failed);
        Assert.Contains($"Licensing:Cluster:{key} is empty", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cluster_id_longer_than_the_membership_table_holds_is_refused_for_AdoNet_only()
    {
        var id = new string('c', 151);

        var adoNet = Validate(new LicensingClusterOptions { Clustering = ClusteringProvider.AdoNet, ClusterId = id });

        Assert.True(adoNet.Failed);
        Assert.Contains("Licensing:Cluster:ClusterId is 151 characters", adoNet.FailureMessage, StringComparison.Ordinal);
        Assert.True(Validate(new LicensingClusterOptions { Clustering = ClusteringProvider.AdoNet, ClusterId = new string('c', 150) }).Succeeded);
        Assert.True(Validate(new LicensingClusterOptions { ClusterId = id }).Succeeded);
    }

    [Theory]
    [InlineData("SiloPort", 0)]
    [InlineData("SiloPort", 65536)]
    [InlineData("GatewayPort", 0)]
    [InlineData("GatewayPort", -1)]
    public void A_port_outside_1_to_65535_is_refused_naming_it(string key, int port)
    {
        var options = new LicensingClusterOptions();
        typeof(LicensingClusterOptions).GetProperty(key)!.SetValue(options, port);

        var result = Validate(options);

        Assert.True(result.Failed);
        Assert.Contains($"Licensing:Cluster:{key} must be a TCP port from 1 to 65535; it is {port}", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void One_port_for_silos_and_clients_is_refused()
    {
        var result = Validate(new LicensingClusterOptions { SiloPort = 11111, GatewayPort = 11111 });

        Assert.True(result.Failed);
        Assert.Contains("Licensing:Cluster:SiloPort and Licensing:Cluster:GatewayPort are both 11111", result.FailureMessage, StringComparison.Ordinal);
    }

    /// <summary>Only AdoNet clustering advertises the address; on Localhost it is never read.</summary>
    [Fact]
    public void An_advertised_address_that_is_not_an_IP_address_is_refused_for_AdoNet_only()
    {
        var adoNet = Validate(new LicensingClusterOptions { Clustering = ClusteringProvider.AdoNet, AdvertisedAddress = "licensing-silo-0" });

        Assert.True(adoNet.Failed);
        Assert.Contains("Licensing:Cluster:AdvertisedAddress 'licensing-silo-0' is not an IP address", adoNet.FailureMessage, StringComparison.Ordinal);
        Assert.True(Validate(new LicensingClusterOptions { Clustering = ClusteringProvider.AdoNet, AdvertisedAddress = "10.1.2.3" }).Succeeded);
        Assert.True(Validate(new LicensingClusterOptions { AdvertisedAddress = "licensing-silo-0" }).Succeeded);
    }

    private static ValidateOptionsResult Validate(LicensingClusterOptions options) => new LicensingClusterOptionsValidator().Validate(null, options);
}
