using System.Net;
using Orleans.Licensing.IntegrationTests.Support;

namespace Orleans.Licensing.IntegrationTests.OperatorConsole;

/// <summary>Licensing:Console:KeyDirectory: frontends that share it share the console's sessions.</summary>
public sealed class ConsoleKeyDirectoryTests
{
    [Fact]
    public async Task A_session_opened_on_one_frontend_is_valid_on_another_with_the_same_key_directory_and_on_no_other()
    {
        var keys = Path.Combine(TestEnvironment.NewDataDirectory(), "console-keys");
        var first = new KeyedFrontend(keys);
        var second = new KeyedFrontend(keys);
        var stranger = new KeyedFrontend(Path.Combine(TestEnvironment.NewDataDirectory(), "other-keys"));
        KeyedFrontend[] all = [first, second, stranger];
        try
        {
            foreach (var frontend in all)
            {
                await frontend.InitializeAsync();
            }

            var cookies = new CookieContainer();
            using var http = ConsoleHttp.NewClient(first.BaseAddress, cookies);
            Assert.Equal(HttpStatusCode.Found, (await ConsoleHttp.LogIn(http)).StatusCode);
            // Sent by hand, so each request carries exactly the session the first frontend opened.
            var cookie = string.Join("; ", cookies.GetCookies(new Uri(first.BaseAddress, "/console")).Select(c => $"{c.Name}={c.Value}"));

            Assert.Equal(HttpStatusCode.OK, await Status(second.BaseAddress, cookie));
            Assert.Equal(HttpStatusCode.Found, await Status(stranger.BaseAddress, cookie));
            Assert.NotEmpty(Directory.GetFiles(keys, "*.xml"));
        }
        finally
        {
            foreach (var frontend in all)
            {
                await frontend.DisposeAsync();
            }
        }
    }

    private static async Task<HttpStatusCode> Status(Uri address, string cookie)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = address };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/console/keys");
        request.Headers.Add("Cookie", cookie);
        using var answer = await http.SendAsync(request);
        return answer.StatusCode;
    }

    private sealed class KeyedFrontend(string keyDirectory)
        : EmbeddedFrontend(new Dictionary<string, string?> { ["Licensing:Console:KeyDirectory"] = keyDirectory });
}
