using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Licensing.Frontend.Security;
using Orleans.Licensing.IntegrationTests.Support;

namespace Orleans.Licensing.IntegrationTests.Http;

/// <summary>B.2's client address (forwarded only by a trusted proxy) and KA's allow-list, through the real pipeline.</summary>
public sealed class NetworkGuardTests(GuardedFrontend frontend) : IClassFixture<GuardedFrontend>
{
    private HttpClient ClientFrom(string localAddress) => LoopbackClient.From(localAddress, frontend.BaseAddress);

    private static HttpRequestMessage Post(string password, string? forwardedFor = null, string user = "ka")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/ka") { Content = new StringContent(KaForms.GetInfo("1"), Encoding.ASCII, "application/x-www-form-urlencoded") };
        request.Headers.TryAddWithoutValidation("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        if (forwardedFor is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        }

        return request;
    }

    private static async Task<List<HttpStatusCode>> Send(HttpClient http, int times, Func<int, HttpRequestMessage> request)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < times; i++)
        {
            using var message = request(i);
            using var response = await http.SendAsync(message);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }

    [Fact]
    public async Task X_Forwarded_For_from_an_untrusted_peer_is_ignored_so_rotating_it_does_not_escape_the_throttle()
    {
        using var attacker = ClientFrom("127.0.0.17");

        var guesses = await Send(attacker, 10, i => Post($"guess{i}", forwardedFor: $"192.0.2.{i + 1}"));
        var next = await Send(attacker, 1, _ => Post("ka-secret", forwardedFor: "192.0.2.200"));

        Assert.All(guesses, s => Assert.Equal(HttpStatusCode.Forbidden, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, Assert.Single(next));
    }

    [Fact]
    public async Task Behind_the_trusted_proxy_the_forwarded_client_is_throttled_and_no_one_else()
    {
        using var proxy = ClientFrom(GuardedFrontend.Proxy);

        var guesses = await Send(proxy, 10, i => Post($"guess{i}", forwardedFor: "192.0.2.66"));
        var attacker = await Send(proxy, 1, _ => Post("ka-secret", forwardedFor: "192.0.2.66"));
        // A spoofed entry in front of what the proxy appended changes nothing: the proxy's entry is the client.
        var spoofing = await Send(proxy, 1, _ => Post("ka-secret", forwardedFor: "192.0.2.1, 192.0.2.66"));
        var ka = await Send(proxy, 1, _ => Post("ka-secret", forwardedFor: "192.0.2.67"));

        Assert.All(guesses, s => Assert.Equal(HttpStatusCode.Forbidden, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, Assert.Single(attacker));
        Assert.Equal(HttpStatusCode.TooManyRequests, Assert.Single(spoofing));
        Assert.Equal(HttpStatusCode.NotFound, Assert.Single(ka));
    }

    [Fact]
    public async Task A_source_outside_the_allowed_networks_gets_403_before_its_password_is_checked_and_counts_nothing()
    {
        using var outsider = ClientFrom("127.0.0.30");
        using var proxy = ClientFrom(GuardedFrontend.Proxy);
        var throttle = frontend.Services.GetRequiredService<AuthFailureThrottle>();
        var before = throttle.Count;

        var guesses = await Send(outsider, 15, i => Post($"guess{i}"));
        using var right = await outsider.SendAsync(Post("ka-secret"));
        using var forwarded = await proxy.SendAsync(Post("ka-secret", forwardedFor: "203.0.113.9"));

        Assert.All(guesses, s => Assert.Equal(HttpStatusCode.Forbidden, s));
        Assert.Equal(HttpStatusCode.Forbidden, right.StatusCode);
        Assert.Equal("Error: the client address is not in Licensing:Ka:AllowedNetworks", await right.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, forwarded.StatusCode);
        Assert.Equal(before, throttle.Count);
    }

    [Fact]
    public async Task The_allow_list_is_KAs_alone_the_operator_api_and_jwks_answer_elsewhere()
    {
        using var outsider = ClientFrom("127.0.0.30");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/operator/licenses/1");
        request.Headers.TryAddWithoutValidation("Authorization", "Basic " + Convert.ToBase64String("isv:operator-secret"u8));

        using var operatorApi = await outsider.SendAsync(request);
        using var jwks = await outsider.GetAsync(new Uri("/.well-known/jwks.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, operatorApi.StatusCode);
        Assert.Equal(HttpStatusCode.OK, jwks.StatusCode);
    }

    /// <summary>ASP.NET Core's switch clears the trusted networks and believes X-Forwarded-For from any peer.</summary>
    [Fact]
    public async Task ASPNETCORE_FORWARDEDHEADERS_ENABLED_stops_start_up_naming_the_setting_to_use_instead()
    {
        await using var refused = new EmbeddedFrontend(new Dictionary<string, string?> { ["ForwardedHeaders_Enabled"] = "true" });

        var e = await Assert.ThrowsAsync<OptionsValidationException>(refused.InitializeAsync);

        Assert.Contains("ASPNETCORE_FORWARDEDHEADERS_ENABLED", e.Message, StringComparison.Ordinal);
        Assert.Contains("Licensing:Network:TrustedProxies", e.Message, StringComparison.Ordinal);
    }

    /// <summary>A network list that cannot be read stops start-up naming the entry, rather than trusting or allowing too much.</summary>
    [Theory]
    [InlineData("Licensing:Network:TrustedProxies:0")]
    [InlineData("Licensing:Ka:AllowedNetworks:0")]
    public async Task A_network_that_is_not_one_stops_start_up_naming_the_setting(string key)
    {
        // Endpoints read their options when they are mapped, so the refusal may come from building or from starting.
        await using var refused = new EmbeddedFrontend(new Dictionary<string, string?> { [key] = "10.0.0.1/8" });

        var e = await Assert.ThrowsAsync<OptionsValidationException>(refused.InitializeAsync);

        Assert.Contains($"{key} '10.0.0.1/8'", e.Message, StringComparison.Ordinal);
    }
}
