using System.Net;
using System.Net.Http.Headers;
using Orleans.Licensing.IntegrationTests.Support;

namespace Orleans.Licensing.IntegrationTests.OperatorConsole;

/// <summary>The console over plain HTTP, as a browser without script uses it: the login, the forms' protection, outages.</summary>
public sealed class ConsoleHttpTests(EmbeddedFrontend frontend) : IClassFixture<EmbeddedFrontend>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task The_console_needs_its_login_and_the_operator_api_keeps_basic_credentials()
    {
        using var anonymous = ConsoleHttp.NewClient(frontend.BaseAddress);
        using var withBasic = ConsoleHttp.NewClient(frontend.BaseAddress);
        withBasic.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("operator:operator-dev"u8));
        using var loggedIn = ConsoleHttp.NewClient(frontend.BaseAddress);
        Assert.Equal(HttpStatusCode.Found, (await ConsoleHttp.LogIn(loggedIn)).StatusCode);

        using var unauthenticated = await anonymous.GetAsync(new Uri("/console/licenses", UriKind.Relative));
        using var basicOnConsole = await withBasic.GetAsync(new Uri("/console", UriKind.Relative));
        using var basicOnApi = await withBasic.GetAsync(new Uri("/operator/licenses", UriKind.Relative));
        using var cookieOnApi = await loggedIn.GetAsync(new Uri("/operator/licenses", UriKind.Relative));
        using var cookieOnConsole = await loggedIn.GetAsync(new Uri("/console", UriKind.Relative));
        using var csvAnonymous = await anonymous.GetAsync(new Uri("/console/billing.csv?from=2016-01-01&to=2016-12-31", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Found, unauthenticated.StatusCode);
        Assert.Equal("/console/login?ReturnUrl=%2Fconsole%2Flicenses", unauthenticated.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Found, basicOnConsole.StatusCode);
        Assert.Equal(HttpStatusCode.OK, basicOnApi.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, cookieOnApi.StatusCode);
        Assert.Equal(HttpStatusCode.OK, cookieOnConsole.StatusCode);
        Assert.Equal(HttpStatusCode.Found, csvAnonymous.StatusCode);
        Assert.True(cookieOnConsole.Headers.CacheControl!.NoStore);
        // default-src 'none' with no script-src: no script runs, from anywhere.
        var policy = cookieOnConsole.Headers.GetValues("Content-Security-Policy").Single();
        Assert.StartsWith("default-src 'none';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_stylesheet_is_served_by_the_frontend_to_anyone_and_may_be_cached()
    {
        using var http = ConsoleHttp.NewClient(frontend.BaseAddress);

        using var answer = await http.GetAsync(new Uri("/console/console.css", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("text/css", answer.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromHours(1), answer.Headers.CacheControl?.MaxAge);
        Assert.Contains(".badge", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logging_out_ends_the_session()
    {
        using var http = ConsoleHttp.NewClient(frontend.BaseAddress);
        await ConsoleHttp.LogIn(http);
        var token = ConsoleHttp.Token(await http.GetStringAsync(new Uri("/console/keys", UriKind.Relative)));

        using var forged = await http.PostAsync(new Uri("/console/logout", UriKind.Relative), new FormUrlEncodedContent([]));
        using var stillIn = await http.GetAsync(new Uri("/console/keys", UriKind.Relative));
        using var logout = await http.PostAsync(
            new Uri("/console/logout", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        using var afterwards = await http.GetAsync(new Uri("/console/keys", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal("/console/login", logout.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Found, afterwards.StatusCode);
    }

    [Fact]
    public async Task A_login_goes_back_only_to_a_console_page()
    {
        using var http = ConsoleHttp.NewClient(frontend.BaseAddress);
        var token = ConsoleHttp.Token(await http.GetStringAsync(new Uri("/console/login", UriKind.Relative)));

        using var answer = await http.PostAsync(
            new Uri("/console/login?ReturnUrl=" + Uri.EscapeDataString("https://attacker.example/console"), UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login", ["__RequestVerificationToken"] = token, ["Input.UserName"] = "operator", ["Input.Password"] = "operator-dev",
            }));

        Assert.Equal(HttpStatusCode.Found, answer.StatusCode);
        Assert.Equal(new Uri(frontend.BaseAddress, "/console"), answer.Headers.Location);
    }

    [Fact]
    public async Task Wrong_credentials_are_refused_and_a_client_that_keeps_failing_is_throttled()
    {
        // A loopback address of this test's own, so its failures count against no other test.
        using var http = LoopbackClient.From("127.0.31.7", frontend.BaseAddress);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
        {
            using var answer = await ConsoleHttp.LogIn(http, password: "wrong");
            statuses.Add(answer.StatusCode);
        }

        using var rightButBlocked = await ConsoleHttp.LogIn(http);
        var page = await rightButBlocked.Content.ReadAsStringAsync();

        Assert.All(statuses[..10], s => Assert.Equal(HttpStatusCode.Forbidden, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[10]);
        Assert.Equal(HttpStatusCode.TooManyRequests, rightButBlocked.StatusCode);
        Assert.NotNull(rightButBlocked.Headers.RetryAfter);
        Assert.Contains("Too many failed logins", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forms_posted_without_the_antiforgery_token_change_nothing()
    {
        var id = Ids.Next("F");
        Assert.Equal(HttpStatusCode.OK, (await frontend.NewClient().Post(KaForms.Purchase(id, Today, Today.AddDays(30)))).Status);
        using var http = ConsoleHttp.NewClient(frontend.BaseAddress);
        await ConsoleHttp.LogIn(http);

        using var forged = await http.PostAsync(new Uri($"/console/licenses/{id}", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "usage", ["Counter[usedAccounts]"] = "99",
        }));
        var page = await http.GetStringAsync(new Uri($"/console/licenses/{id}", UriKind.Relative));
        using var genuine = await http.PostAsync(new Uri($"/console/licenses/{id}", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "usage", ["__RequestVerificationToken"] = ConsoleHttp.Token(page), ["Counter[usedAccounts]"] = "99",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains(">0</td>", page, StringComparison.Ordinal);
        // The other counter shows 0 too: what the forged post would have changed must be absent.
        Assert.DoesNotContain(">99</td>", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
        Assert.Contains("Usage reported: usedAccounts = 99.", await genuine.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The cell the forged post is checked against above does show a reported value.
        Assert.Contains(">99</td>", await http.GetStringAsync(new Uri($"/console/licenses/{id}", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_page_shows_a_secret()
    {
        var id = Ids.Next("N");
        Assert.Equal(HttpStatusCode.OK, (await frontend.NewClient().Post(KaForms.Purchase(id, Today, Today.AddDays(30)))).Status);
        using var http = ConsoleHttp.NewClient(frontend.BaseAddress);
        await ConsoleHttp.LogIn(http);

        foreach (var path in new[] { "/console", "/console/licenses", $"/console/licenses/{id}", "/console/billing", "/console/keys", "/console/login" })
        {
            var page = await http.GetStringAsync(new Uri(path, UriKind.Relative));
            Assert.Contains("</html>", page, StringComparison.Ordinal);
            foreach (var secret in new[] { "operator-dev", "qwe123", "PRIVATE KEY" })
            {
                Assert.DoesNotContain(secret, page, StringComparison.Ordinal);
            }
        }
    }
}
