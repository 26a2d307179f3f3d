using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Orleans.Licensing.Operator;

/// <summary>The operator API over HTTP; errors come back as the service's one-line <c>Error: …</c>.</summary>
internal sealed class OperatorClient(Uri baseAddress, string user, string password) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http = new()
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromMinutes(5),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"))) },
    };

    public async Task<LicenseView> Describe(string purchaseId) =>
        (await Read<LicenseView>(await _http.GetAsync(new Uri($"/operator/licenses/{Uri.EscapeDataString(purchaseId)}", UriKind.Relative))))!;

    public async Task<string> ReportUsage(string purchaseId, IReadOnlyDictionary<string, long> counters)
    {
        using var response = await _http.PutAsJsonAsync(new Uri($"/operator/licenses/{Uri.EscapeDataString(purchaseId)}/usage", UriKind.Relative), counters, Json);
        return await Text(response);
    }

    /// <summary>Streams the report to <paramref name="output"/>, reporting bytes received of the total.</summary>
    public async Task ExportBilling(DateOnly from, DateOnly to, string format, Stream output, Action<long, long?> progress, CancellationToken cancellation)
    {
        var uri = new Uri($"/operator/billing?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}&format={format}", UriKind.Relative);
        using var response = await _http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellation);
        if (!response.IsSuccessStatusCode)
        {
            await Text(response);
        }

        var total = response.Content.Headers.ContentLength;
        await using var body = await response.Content.ReadAsStreamAsync(cancellation);
        var buffer = new byte[81920];
        long received = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancellation)) > 0)
        {
            await output.WriteAsync(buffer.AsMemory(0, read), cancellation);
            received += read;
            progress(received, total);
        }
    }

    public void Dispose() => _http.Dispose();

    private static async Task<T?> Read<T>(HttpResponseMessage response)
    {
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                await Text(response);
            }

            return await response.Content.ReadFromJsonAsync<T>(Json);
        }
    }

    private static async Task<string> Text(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? text
            : throw new OperatorException($"{(int)response.StatusCode} {(text.Length > 0 ? text : response.ReasonPhrase)}");
    }
}
