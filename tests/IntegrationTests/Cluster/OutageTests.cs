using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Orleans.Licensing.Hosting;
using Orleans.Licensing.IntegrationTests.Support;
using Xunit.Abstractions;

namespace Orleans.Licensing.IntegrationTests.Cluster;

/// <summary>
/// B.11 for every endpoint, in the cluster as deployed (a silo process and a frontend process on PostgreSQL):
/// while PostgreSQL is down, and again once the silos are gone, the KA endpoint, the operator API and the
/// dashboard answer 503 with Retry-After, never 500; the JWKS and the revocation document keep answering from the
/// frontend's copies.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class OutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly DateOnly Start = new(2016, 3, 12);
    private static readonly DateOnly Expiry = new(2016, 4, 22);
    private readonly PostgresServer _postgres = new();

    public Task InitializeAsync() => _postgres.InitializeAsync();

    public Task DisposeAsync() => _postgres.DisposeAsync();

    [Fact]
    public async Task With_postgres_down_and_with_the_silos_gone_every_endpoint_answers_503_with_retry_after_never_500()
    {
        var database = await _postgres.CreateDatabase();
        await using var cluster = new LocalCluster(database);
        await cluster.Migrate();
        await cluster.StartSilo();
        var frontend = await cluster.StartFrontend();
        using var http = new HttpClient { BaseAddress = frontend, Timeout = TimeSpan.FromSeconds(60) };
        var id = Ids.Next("U");
        Assert.Equal(HttpStatusCode.OK, (await LocalCluster.Client(frontend).Post(KaForms.Purchase(id, Start, Expiry))).Status);
        var probes = Probes(id);
        foreach (var answer in await Send(http, probes))
        {
            Assert.True(answer.Status == HttpStatusCode.OK, $"before the outage: {answer}");
        }

        await _postgres.Stop("fast");
        var storageDown = await Send(http, probes);
        await _postgres.Start();
        var recovered = await UntilAllOk(http, probes, TimeSpan.FromSeconds(60));
        cluster.Silos[0].KillHard();
        var silosGone = await Send(http, probes);

        foreach (var answer in storageDown.Concat(silosGone))
        {
            output.WriteLine(answer.ToString());
        }

        try
        {
            AssertOutages(storageDown, recovered, silosGone);
        }
        catch
        {
            foreach (var process in cluster.Processes)
            {
                output.WriteLine(process.Output.Length > 8000 ? process.Output[^8000..] : process.Output);
            }

            throw;
        }
    }

    private static void AssertOutages(List<Answer> storageDown, List<Answer> recovered, List<Answer> silosGone)
    {
        foreach (var answer in storageDown)
        {
            switch (answer.Name)
            {
                case "jwks" or "revocations":
                    Assert.True(answer.Status == HttpStatusCode.OK, $"storage down: {answer}");
                    break;
                case "dashboard":
                    // The dashboard reads the silos, not the license store: it may well keep working.
                    Assert.True(answer.Status is HttpStatusCode.OK || IsUnavailable(answer), $"storage down: {answer}");
                    break;
                default:
                    Assert.True(IsUnavailable(answer), $"storage down: {answer}");
                    break;
            }
        }

        Assert.All(recovered, answer => Assert.True(answer.Status == HttpStatusCode.OK, $"after PostgreSQL came back: {answer}"));
        foreach (var answer in silosGone)
        {
            Assert.True(answer.Name is "jwks" or "revocations" ? answer.Status == HttpStatusCode.OK : IsUnavailable(answer), $"silos gone: {answer}");
        }
    }

    private static bool IsUnavailable(Answer answer) =>
        answer.Status == HttpStatusCode.ServiceUnavailable && answer.RetryAfter is not null && answer.Text.StartsWith("Error: ", StringComparison.Ordinal);

    /// <summary>Every endpoint of the frontend, each a fresh request: KA, the operator API, the dashboard's data, the JWKS.</summary>
    private static List<(string Name, Func<HttpRequestMessage> Request)> Probes(string id)
    {
        var isv = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("isv:isv-secret"u8));
        var ka = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("ka:ka-secret"u8));
        HttpRequestMessage Operator(HttpMethod method, string path, string? json = null) => new(method, path)
        {
            Headers = { Authorization = isv },
            Content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json"),
        };
        var usage = 0;
        return
        [
            ("ka purchase", () => new HttpRequestMessage(HttpMethod.Post, "/ka")
            {
                Headers = { Authorization = ka },
                Content = new StringContent(KaForms.Purchase(Ids.Next("U"), Start, Expiry), Encoding.ASCII, "application/x-www-form-urlencoded"),
            }),
            ("licenses", () => Operator(HttpMethod.Get, "/operator/licenses")),
            ("billing", () => Operator(HttpMethod.Get, "/operator/billing?from=2016-01-01&to=2016-12-31")),
            ("license", () => Operator(HttpMethod.Get, $"/operator/licenses/{id}")),
            ("usage", () => Operator(HttpMethod.Put, $"/operator/licenses/{id}/usage", string.Create(CultureInfo.InvariantCulture, $$"""{"usedAccounts":{{++usage}}}"""))),
            ("dashboard", () => Operator(HttpMethod.Get, OperationsPaths.Dashboard + "/DashboardCounters")),
            ("jwks", () => new HttpRequestMessage(HttpMethod.Get, "/.well-known/jwks.json")),
            ("revocations", () => new HttpRequestMessage(HttpMethod.Get, "/.well-known/revocations.jws")),
        ];
    }

    private static async Task<List<Answer>> Send(HttpClient http, List<(string Name, Func<HttpRequestMessage> Request)> probes)
    {
        var answers = new List<Answer>();
        foreach (var (name, request) in probes)
        {
            answers.Add(await Send(http, name, request()));
        }

        return answers;
    }

    private static async Task<Answer> Send(HttpClient http, string name, HttpRequestMessage request)
    {
        using (request)
        {
            var watch = Stopwatch.StartNew();
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            return new Answer(name, response.StatusCode, response.Headers.RetryAfter?.ToString(), text.Length > 200 ? text[..200] : text, watch.Elapsed);
        }
    }

    /// <summary>Pooled connections died with the old server, so the first calls may still fail: each probe gets a while.</summary>
    private static async Task<List<Answer>> UntilAllOk(HttpClient http, List<(string Name, Func<HttpRequestMessage> Request)> probes, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        var answers = new List<Answer>();
        foreach (var (name, request) in probes)
        {
            var answer = await Send(http, name, request());
            while (answer.Status != HttpStatusCode.OK && DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
                answer = await Send(http, name, request());
            }

            answers.Add(answer);
        }

        return answers;
    }

    private sealed record Answer(string Name, HttpStatusCode Status, string? RetryAfter, string Text, TimeSpan Elapsed)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{Name}: {(int)Status} in {Elapsed.TotalMilliseconds:F0} ms, Retry-After {RetryAfter ?? "none"}: {Text.ReplaceLineEndings(" ")}");
    }
}
