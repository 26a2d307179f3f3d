using System.Net;
using Microsoft.Extensions.Options;
using Orleans.Licensing.Hosting;
using Orleans.Licensing.IntegrationTests.Support;

namespace Orleans.Licensing.IntegrationTests.Operations;

/// <summary>
/// With <c>Licensing:Metrics:Port</c> set, the scraper's port serves <c>/metrics</c> and nothing else, and KA's
/// port no longer serves it: a NetworkPolicy can then open exactly the metrics port to monitoring.
/// </summary>
public sealed class MetricsPortTests(MetricsPortFrontend frontend) : IClassFixture<MetricsPortFrontend>
{
    [Fact]
    public async Task The_metrics_port_serves_metrics_and_nothing_else()
    {
        var ka = frontend.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await ka.Post(KaForms.Purchase(Ids.Next("P"), new DateOnly(2016, 3, 12), new DateOnly(2016, 4, 22)))).Status);
        using var scraper = new HttpClient { BaseAddress = frontend.MetricsAddress };
        scraper.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String("operator:operator-dev"u8));

        using var metrics = await scraper.GetAsync(new Uri(OperationsPaths.Metrics, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Contains("licensing_ka_requests_total", await metrics.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        foreach (var path in new[] { "/operator/licenses", "/operator/billing?from=2016-01-01&to=2016-12-31", OperationsPaths.Dashboard + "/", OperationsPaths.Ready, "/.well-known/jwks.json" })
        {
            using var response = await scraper.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"GET {path} on the metrics port: {(int)response.StatusCode}");
        }

        // A PURCHASE that KA's port would answer 200: on the metrics port it reaches nothing.
        var kaOnMetrics = await new KaClient(scraper).Post(KaForms.Purchase(Ids.Next("P"), new DateOnly(2016, 3, 12), new DateOnly(2016, 4, 22)));
        Assert.Equal(HttpStatusCode.NotFound, kaOnMetrics.Status);
    }

    [Fact]
    public async Task The_http_port_serves_ka_and_health_but_no_longer_metrics()
    {
        using var http = new HttpClient { BaseAddress = frontend.BaseAddress };

        using var metrics = await http.GetAsync(new Uri(OperationsPaths.Metrics, UriKind.Relative));
        using var ready = await http.GetAsync(new Uri(OperationsPaths.Ready, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, metrics.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await frontend.NewClient().Post(KaForms.Purchase(Ids.Next("P"), new DateOnly(2016, 3, 12), new DateOnly(2016, 4, 22)))).Status);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("65536")]
    public async Task A_metrics_port_out_of_range_stops_start_up_naming_the_setting(string port)
    {
        await using var outOfRange = new EmbeddedFrontend(new Dictionary<string, string?> { ["Licensing:Metrics:Port"] = port });

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(outOfRange.InitializeAsync);

        Assert.Contains("Licensing:Metrics:Port", failure.Message, StringComparison.Ordinal);
    }
}
