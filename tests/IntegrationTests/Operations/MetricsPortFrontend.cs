using System.Globalization;
using Orleans.Licensing.IntegrationTests.Support;

namespace Orleans.Licensing.IntegrationTests.Operations;

/// <summary>A frontend configured as on Kubernetes: <c>/metrics</c> on a port of its own, apart from KA's.</summary>
public sealed class MetricsPortFrontend() : EmbeddedFrontend(new Dictionary<string, string?>
{
    ["Licensing:Metrics:Port"] = Port.ToString(CultureInfo.InvariantCulture),
})
{
    private static readonly int Port = TestEnvironment.FreePort();

    public Uri MetricsAddress { get; } = new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}"));
}
