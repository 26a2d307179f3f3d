using Microsoft.Extensions.Options;
using Orleans.Licensing.IntegrationTests.Support;

namespace Orleans.Licensing.IntegrationTests.Operations;

/// <summary>
/// Cluster and storage settings the embedded frontend cannot run with stop its start naming the setting, before
/// Orleans or the store would fail on them under names of their own (or, for a provider given as a number, not at all).
/// </summary>
public sealed class ClusterAndStorageSettingsTests
{
    [Theory]
    [InlineData("Licensing:Cluster:GatewayPort", "0")]
    [InlineData("Licensing:Cluster:Clustering", "7")]
    [InlineData("Licensing:Storage:Provider", "7")]
    public async Task A_setting_the_host_cannot_run_with_stops_start_up_naming_it(string key, string value)
    {
        await using var refused = new EmbeddedFrontend(new Dictionary<string, string?> { [key] = value });

        var e = await Assert.ThrowsAsync<OptionsValidationException>(refused.InitializeAsync);

        Assert.Contains(key, e.Message, StringComparison.Ordinal);
    }
}
