using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Orleans.Licensing.IntegrationTests.Support;
using Xunit.Abstractions;

namespace Orleans.Licensing.IntegrationTests.Fuzz;

/// <summary>
/// The whole HTTP surface under generated requests (<see cref="HttpFuzzer"/>): no answer is a 5xx, and afterwards
/// the billing report and the listing still work and every license the service held before is served exactly
/// as before. The seed is fixed so that a failure can be replayed; <c>LICENSING_FUZZ_SEED</c> picks another.
/// </summary>
public sealed class HttpSurfaceFuzzTests(FuzzedFrontend frontend, ITestOutputHelper output) : IClassFixture<FuzzedFrontend>
{
    private const int Requests = 10_000;
    private static readonly DateOnly Start = new(2016, 3, 12);
    [Fact]
    public async Task Ten_thousand_generated_requests_get_no_server_error_and_every_license_is_still_served()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("LICENSING_FUZZ_SEED"), CultureInfo.InvariantCulture, out var chosen) ? chosen : 20261129;
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, MaxConnectionsPerServer = 16 })
        {
            BaseAddress = frontend.BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        var ka = new KaClient(http);
        var witnesses = await Witnesses(ka);

        var fuzzer = new HttpFuzzer(seed);
        var answers = new ConcurrentDictionary<string, int>();
        var serverErrors = new ConcurrentQueue<string>();
        var issuedIds = new ConcurrentDictionary<string, bool>();
        for (var sent = 0; sent < Requests; sent += 500)
        {
            var batch = Enumerable.Range(0, 500).Select(_ => fuzzer.Next()).ToList();
            await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (request, _) =>
            {
                var (status, body, contentType) = await Send(http, request);
                answers.AddOrUpdate($"{request.Surface} {status?.ToString(CultureInfo.InvariantCulture) ?? "closed"}", 1, (_, n) => n + 1);
                // 505 is HTTP's own answer to a request line in a version nobody speaks (HTTP/9.9), given by Kestrel
                // before the request reaches the service: the one 5xx that is the client's error by definition.
                if (status >= 500 && !(status == 505 && request.Raw is not null))
                {
                    serverErrors.Enqueue($"{status} {Encoding.UTF8.GetString(body)} <- {request}");
                }

                // A well-formed HTTP request must get a whole answer: a connection cut mid-answer is how a failure
                // after the headers shows (the streamed billing report aborts). Only a body far over the limit may
                // be cut off while it is still being sent, and raw requests are malformed on purpose.
                if (status is null && request.Raw is null && request.Surface != "ka-large")
                {
                    serverErrors.Enqueue($"connection closed without a whole answer <- {request}");
                }

                if (status == 200 && contentType == "application/octet-stream" && Subject(body) is { } id)
                {
                    issuedIds[id] = true;
                    fuzzer.Issued(id, body);
                }
            });
        }

        output.WriteLine($"seed {seed}: {answers.Values.Sum()} requests, {issuedIds.Count} licenses issued bodies");
        foreach (var (answer, count) in answers.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {answer}: {count}");
        }

        Assert.True(serverErrors.IsEmpty, $"seed {seed}: {serverErrors.Count} server errors, e.g.\n{string.Join("\n", serverErrors.Take(15))}");
        Assert.True(answers.Values.Sum() >= Requests);
        Assert.True(issuedIds.Count >= 20, $"only {issuedIds.Count} fuzzed licenses were issued: the fuzz hardly reaches the grains");

        // Afterwards: every license from before is served exactly as before.
        foreach (var (id, (form, answer)) in witnesses)
        {
            var again = await ka.Post(form);
            Assert.True(again.Status == HttpStatusCode.OK, $"{id}: {again.Status} {again.Text}");
            Assert.Equal(answer.Body, again.Body);
            Assert.Equal(answer.Expiration, again.Expiration);
            using var describe = await Operator(http, $"/operator/licenses/{id}");
            Assert.Equal(HttpStatusCode.OK, describe.StatusCode);
        }

        // The listing holds the witnesses and every license that the fuzz got a body for.
        var listed = await ListAll(http);
        var missing = witnesses.Keys.Concat(issuedIds.Keys).Where(id => !listed.Contains(id)).ToList();
        Assert.True(missing.Count == 0, $"not listed: {string.Join(", ", missing)}");

        // The billing report runs, over the witnesses' year and over the widest period an operator may ask for.
        foreach (var query in new[] { "from=2016-01-01&to=2016-12-31", "from=2016-01-01&to=2016-12-31&format=csv", "from=1970-01-01&to=2199-12-31" })
        {
            using var billing = await Operator(http, "/operator/billing?" + query);
            var text = await billing.Content.ReadAsStringAsync();
            Assert.True(billing.StatusCode == HttpStatusCode.OK, $"billing {query}: {billing.StatusCode} {text}");
            foreach (var id in witnesses.Keys.Where(id => id.EndsWith('R')))
            {
                Assert.Contains(id, text, StringComparison.Ordinal);
            }
        }
    }

    /// <summary>Licenses made before the fuzz, real (<c>…R</c>) and test (<c>…T</c>), some renewed and upgraded, with usage.</summary>
    private static async Task<Dictionary<string, (string Form, KaAnswer Answer)>> Witnesses(KaClient ka)
    {
        var witnesses = new Dictionary<string, (string, KaAnswer)>();
        for (var i = 0; i < 12; i++)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"W{i}{(i % 4 == 3 ? 'T' : 'R')}");
            var form = KaForms.Purchase(id, Start, Start.AddDays(41), testMode: i % 4 == 3 ? "Y" : "N");
            var answer = await ka.Post(form);
            Assert.True(answer.Status == HttpStatusCode.OK, $"{id}: {answer.Status} {answer.Text}");
            if (i % 3 == 1)
            {
                form = KaForms.Renew(id, Start.AddDays(31), Start.AddDays(71), answer.Base64);
                answer = await ka.Post(form);
            }

            if (i % 3 == 2)
            {
                form = KaForms.Upgrade(id, "someproduct1-pro", Start, Start.AddDays(41), answer.Base64);
                answer = await ka.Post(form);
            }

            Assert.True(answer.Status == HttpStatusCode.OK, $"{id}: {answer.Status} {answer.Text}");
            var usage = await ka.ReportUsage(id, "{\"usedAccounts\":" + i.ToString(CultureInfo.InvariantCulture) + "}");
            Assert.Equal(HttpStatusCode.OK, usage.Status);
            witnesses[id] = (form, answer);
        }

        return witnesses;
    }

    private static async Task<(int? Status, byte[] Body, string? ContentType)> Send(HttpClient http, FuzzRequest request)
    {
        if (request.Raw is { } raw)
        {
            return (await RawHttp.Send(http.BaseAddress!, raw, TimeSpan.FromSeconds(30)), [], null);
        }

        using var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(request.Path, UriKind.Relative));
        if (request.Body is { } body && request.Method is not ("GET" or "HEAD" or "TRACE"))
        {
            message.Content = new ByteArrayContent(body);
        }

        foreach (var (name, value) in request.Headers)
        {
            if (name == "Content-Type")
            {
                message.Content ??= new ByteArrayContent([]);
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
            else
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }
        }

        try
        {
            using var response = await http.SendAsync(message);
            return ((int)response.StatusCode, await response.Content.ReadAsByteArrayAsync(), response.Content.Headers.ContentType?.MediaType);
        }
        catch (HttpRequestException)
        {
            // The server may close on a request it refuses outright (a body far over the limit): no status, not a 5xx.
            return (null, [], null);
        }
    }

    /// <summary>The PURCHASE_ID (<c>sub</c>) of an issued body, a JWS whose payload is its middle part.</summary>
    private static string? Subject(byte[] body)
    {
        var parts = Encoding.ASCII.GetString(body).Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        var payload = parts[1].Replace('-', '+').Replace('_', '/');
        payload += new string('=', (4 - payload.Length % 4) % 4);
        using var claims = JsonDocument.Parse(Convert.FromBase64String(payload));
        return claims.RootElement.GetProperty("sub").GetString();
    }

    private static async Task<HashSet<string>> ListAll(HttpClient http)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        string? after = null;
        do
        {
            using var page = await Operator(http, "/operator/licenses?limit=1000" + (after is null ? "" : "&after=" + Uri.EscapeDataString(after)));
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            using var json = JsonDocument.Parse(await page.Content.ReadAsStringAsync());
            foreach (var item in json.RootElement.GetProperty("items").EnumerateArray())
            {
                ids.Add(item.GetProperty("purchaseId").GetString()!);
            }

            after = json.RootElement.TryGetProperty("next", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (after is not null);
        return ids;
    }

    private static async Task<HttpResponseMessage> Operator(HttpClient http, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("operator:operator-dev")));
        return await http.SendAsync(request);
    }
}
