using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Orleans.Licensing.IntegrationTests.Support;

/// <summary>Posts KA forms to a running endpoint over real HTTP.</summary>
internal sealed class KaClient(HttpClient http, string user = "john", string password = "qwe123")
{
    public HttpClient Http => http;

    public async Task<KaAnswer> Post(string form, string path = "/ka")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(form, Encoding.ASCII, "application/x-www-form-urlencoded"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        using var response = await http.SendAsync(request);
        return await KaAnswer.Read(response);
    }

    public async Task<KaAnswer> ReportUsage(string purchaseId, string json, string operatorUser = "operator", string operatorPassword = "operator-dev")
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/operator/licenses/{purchaseId}/usage")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{operatorUser}:{operatorPassword}")));
        using var response = await http.SendAsync(request);
        return await KaAnswer.Read(response);
    }
}

internal sealed record KaAnswer(HttpStatusCode Status, byte[] Body, string? ContentType, string? Expiration, HttpResponseHeaders Headers)
{
    public string Text => Encoding.UTF8.GetString(Body);

    public string Base64 => Convert.ToBase64String(Body);

    public static async Task<KaAnswer> Read(HttpResponseMessage response) => new(
        response.StatusCode,
        await response.Content.ReadAsByteArrayAsync(),
        response.Content.Headers.ContentType?.ToString(),
        response.Headers.TryGetValues("X-APS-Expiration-Date", out var values) ? values.Single() : null,
        response.Headers);
}
