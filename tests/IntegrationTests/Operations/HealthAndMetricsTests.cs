using System.Net;
using Orleans.Licensing.Hosting;
using Orleans.Licensing.IntegrationTests.Support;

namespace Orleans.Licensing.IntegrationTests.Operations;

/// <summary>What Kubernetes and Prometheus see of a frontend (with its embedded silo).</summary>
public sealed class HealthAndMetricsTests(DrainingFrontend frontend) : IClassFixture<DrainingFrontend>
{
    [Fact]
    public async Task Metrics_count_ka_requests_by_action_and_status_beside_orleans_own()
    {
        var ka = frontend.NewClient();
        var id = Ids.Next("M");
        Assert.Equal(HttpStatusCode.OK, (await ka.Post(KaForms.Purchase(id, new DateOnly(2016, 3, 12), new DateOnly(2016, 4, 22)))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await ka.Post(KaForms.GetInfo(Ids.Next("M")))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await frontend.NewClient("john", "wrong").Post(KaForms.GetInfo(id))).Status);

        var metrics = await ka.Http.GetStringAsync(new Uri(OperationsPaths.Metrics, UriKind.Relative));
        var requestLines = string.Join('\n', metrics.Split('\n').Where(line => line.StartsWith("licensing_ka_requests_total", StringComparison.Ordinal)));
        Assert.True(requestLines.Length > 0, requestLines);

        Assert.Matches("""licensing_ka_requests_total\{[^}]*action="PURCHASE"[^}]*status="200"[^}]*\} [1-9]""", requestLines);
        Assert.Matches("""licensing_ka_requests_total\{[^}]*action="GET-INFO"[^}]*status="404"[^}]*\} [1-9]""", requestLines);
        Assert.Matches("""licensing_ka_requests_total\{[^}]*action="unknown"[^}]*status="403"[^}]*\} [1-9]""", requestLines);
        Assert.Matches("""licensing_licenses_issued_total\{[^}]*action="PURCHASE"[^}]*product="someproduct1"[^}]*\} [1-9]""", metrics);
        Assert.Contains("licensing_ka_request_duration_seconds_bucket", metrics, StringComparison.Ordinal);
        Assert.Contains("licensing_storage_write_duration_seconds_bucket", metrics, StringComparison.Ordinal);
        // Buckets in seconds, not the exporter's millisecond defaults (0, 5, 10, 25 … 10000), which have no 0.25.
        Assert.Matches("""licensing_ka_request_duration_seconds_bucket\{[^}]*le="0.25"[^}]*\} [1-9]""", metrics);
        Assert.Matches("""licensing_storage_write_duration_seconds_bucket\{[^}]*le="0.0025"[^}]*\} [0-9]""", metrics);
        Assert.Contains("orleans_", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dashboard_wants_operator_credentials()
    {
        using var anonymous = new HttpClient { BaseAddress = frontend.BaseAddress };
        using var asOperator = new HttpClient { BaseAddress = frontend.BaseAddress };
        asOperator.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String("operator:operator-dev"u8));
        using var asKa = new HttpClient { BaseAddress = frontend.BaseAddress };
        asKa.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String("john:qwe123"u8));

        using var refused = await anonymous.GetAsync(new Uri(OperationsPaths.Dashboard + "/", UriKind.Relative));
        using var refusedKa = await asKa.GetAsync(new Uri(OperationsPaths.Dashboard + "/", UriKind.Relative));
        using var shown = await asOperator.GetAsync(new Uri(OperationsPaths.Dashboard + "/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refusedKa.StatusCode);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
    }

    [Fact]
    public async Task When_shutdown_begins_readiness_turns_false_while_liveness_stays_true()
    {
        var stopping = new DrainingFrontend();
        await stopping.InitializeAsync();
        try
        {
            await AssertReadinessEndsFirst(stopping);
        }
        finally
        {
            await stopping.DisposeAsync();
        }
    }

    private static async Task AssertReadinessEndsFirst(DrainingFrontend stopping)
    {
        using var http = new HttpClient { BaseAddress = stopping.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(OperationsPaths.Startup, UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(OperationsPaths.Ready, UriKind.Relative))).StatusCode);

        var stop = stopping.BeginStop();
        HttpStatusCode ready;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(3);
        do
        {
            ready = (await http.GetAsync(new Uri(OperationsPaths.Ready, UriKind.Relative))).StatusCode;
        }
        while (ready == HttpStatusCode.OK && DateTime.UtcNow < deadline);
        var live = (await http.GetAsync(new Uri(OperationsPaths.Live, UriKind.Relative))).StatusCode;
        var started = (await http.GetAsync(new Uri(OperationsPaths.Startup, UriKind.Relative))).StatusCode;
        await stop;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready);
        Assert.Equal(HttpStatusCode.OK, live);
        Assert.Equal(HttpStatusCode.OK, started);
    }
}
