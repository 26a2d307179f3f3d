using System.Net;
using System.Text.RegularExpressions;

namespace Orleans.Licensing.IntegrationTests.OperatorConsole;

/// <summary>The console over plain HTTP: what a browser without script sends, the antiforgery token included.</summary>
internal static partial class ConsoleHttp
{
    public static HttpClient NewClient(Uri baseAddress, CookieContainer? cookies = null) =>
        new(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = baseAddress };

    /// <summary>Posts the login form; the answer (302 on success).</summary>
    public static async Task<HttpResponseMessage> LogIn(HttpClient http, string user = "operator", string password = "operator-dev")
    {
        var token = Token(await http.GetStringAsync(new Uri("/console/login", UriKind.Relative)));
        return await http.PostAsync(new Uri("/console/login", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.UserName"] = user,
            ["Input.Password"] = password,
        }));
    }

    public static string Token(string page) => TokenField().Match(page) is { Success: true } match
        ? WebUtility.HtmlDecode(match.Groups[1].Value)
        : throw new InvalidOperationException("the page has no antiforgery token");

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
