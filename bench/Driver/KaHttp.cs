using System.Net.Http.Headers;
using System.Text;

namespace Orleans.Licensing.Bench;

/// <summary>Posts KA forms with Basic credentials over a pool of at most as many connections as the phase's concurrency.</summary>
internal sealed class KaHttp : IDisposable
{
    private static readonly MediaTypeHeaderValue FormType = new("application/x-www-form-urlencoded");
    private readonly HttpClient _http;
    private readonly AuthenticationHeaderValue _auth;
    private readonly Uri _endpoint;

    public KaHttp(string baseUrl, string path, string user, string password, int connections)
    {
        _http = new HttpClient(new SocketsHttpHandler
        {
            // Open loop queues above this in the client, and that queueing is part of the measured latency.
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseProxy = false,
        })
        {
            Timeout = TimeSpan.FromSeconds(60),
        };
        _endpoint = new Uri(new Uri(baseUrl), path);
        _auth = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
    }

    public Uri Endpoint => _endpoint;

    public Task<KaResponse> Post(string form, CancellationToken cancellation) => Post(form, _auth, cancellation);

    public async Task<KaResponse> Post(string form, AuthenticationHeaderValue auth, CancellationToken cancellation)
    {
        var content = new ByteArrayContent(Encoding.ASCII.GetBytes(form));
        content.Headers.ContentType = FormType;
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = content };
        request.Headers.Authorization = auth;
        try
        {
            using var response = await _http.SendAsync(request, cancellation);
            return new KaResponse((int)response.StatusCode, await response.Content.ReadAsByteArrayAsync(cancellation));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return new KaResponse(0, []);
        }
    }

    public void Dispose() => _http.Dispose();
}
