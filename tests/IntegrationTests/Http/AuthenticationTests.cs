using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Orleans.Licensing.IntegrationTests.Support;

namespace Orleans.Licensing.IntegrationTests.Http;

/// <summary>Spec B.2 against a frontend whose KA credential is being rotated.</summary>
public sealed class AuthenticationTests(RotatedCredentialsFrontend frontend) : IClassFixture<RotatedCredentialsFrontend>
{
    private static readonly DateOnly Start = new(2016, 3, 12);
    private static readonly DateOnly Expiry = new(2016, 4, 22);

    private HttpClient ClientFrom(string localAddress) => LoopbackClient.From(localAddress, frontend.BaseAddress);

    private static HttpRequestMessage Post(string? authorization, string form)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/ka") { Content = new StringContent(form, Encoding.ASCII, "application/x-www-form-urlencoded") };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return request;
    }

    private static string Basic(string user, string password) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer abc")]
    [InlineData("Basic !!!not-base64")]
    [InlineData("Basic bm9jb2xvbg==")]
    public async Task Missing_or_malformed_credentials_get_401_with_a_basic_challenge(string? authorization)
    {
        using var http = ClientFrom("127.0.0.3");
        using var request = Post(authorization, KaForms.GetInfo("1"));
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.StartsWith("Error: ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_credentials_get_403_and_both_rotated_credentials_are_accepted()
    {
        using var http = ClientFrom("127.0.0.4");
        var id = Ids.Next();
        using var wrong = await http.SendAsync(Post(Basic("ka", "guess"), KaForms.Purchase(id, Start, Expiry)));
        using var old = await http.SendAsync(Post(Basic("ka", "old-secret"), KaForms.Purchase(id, Start, Expiry)));
        using var rotated = await http.SendAsync(Post(Basic("ka", "new-secret"), KaForms.Purchase(id, Start, Expiry)));
        using var guideDefault = await http.SendAsync(Post(Basic("john", "qwe123"), KaForms.Purchase(id, Start, Expiry)));

        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        // Configured credentials replace the Development default.
        Assert.Equal(HttpStatusCode.Forbidden, guideDefault.StatusCode);
    }

    [Fact]
    public async Task Ka_credentials_are_refused_by_the_operator_api_and_the_jwks_needs_none()
    {
        using var http = ClientFrom("127.0.0.5");
        using var asKa = new HttpRequestMessage(HttpMethod.Get, "/operator/licenses/1");
        asKa.Headers.Authorization = AuthenticationHeaderValue.Parse(Basic("ka", "new-secret"));
        using var asOperator = new HttpRequestMessage(HttpMethod.Get, "/operator/licenses/1");
        asOperator.Headers.Authorization = AuthenticationHeaderValue.Parse(Basic("isv", "operator-secret"));

        using var kaResponse = await http.SendAsync(asKa);
        using var operatorResponse = await http.SendAsync(asOperator);
        using var jwks = await http.GetAsync(new Uri("/.well-known/jwks.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, kaResponse.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, operatorResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, jwks.StatusCode);
    }

    [Fact]
    public async Task Ten_failures_in_a_minute_get_one_address_429_until_the_minute_is_over_and_no_one_else()
    {
        using var attacker = ClientFrom("127.0.0.2");
        using var bystander = ClientFrom("127.0.0.6");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            using var response = await attacker.SendAsync(Post(Basic("ka", $"guess{i}"), KaForms.GetInfo("1")));
            statuses.Add(response.StatusCode);
        }

        using var blocked = await attacker.SendAsync(Post(Basic("ka", "new-secret"), KaForms.GetInfo("1")));
        using var other = await bystander.SendAsync(Post(Basic("ka", "new-secret"), KaForms.GetInfo("1")));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Forbidden, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        var retryAfter = blocked.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task An_attackers_failures_under_another_user_name_never_lock_out_KA_sharing_its_address()
    {
        using var shared = ClientFrom("127.0.0.7");
        var invented = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            // Rotating invented names: they share one bucket for the address, so they neither escape nor fill the table.
            using var response = await shared.SendAsync(Post(Basic($"mallory{i}", "guess"), KaForms.GetInfo("1")));
            invented.Add(response.StatusCode);
        }

        using var operatorName = await shared.SendAsync(Post(Basic("isv", "operator-secret"), KaForms.GetInfo("1")));
        using var ka = await shared.SendAsync(Post(Basic("ka", "new-secret"), KaForms.GetInfo("1")));

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Forbidden, 10), invented.Take(10));
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 2), invented.Skip(10));
        Assert.Equal(HttpStatusCode.TooManyRequests, operatorName.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, ka.StatusCode);
    }
}
