using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Orleans.Licensing.IntegrationTests.Support;

namespace Orleans.Licensing.IntegrationTests.Processes;

/// <summary>
/// B.11 with real processes on the embedded default: whatever was answered 200 survives kill -9 and a
/// graceful restart, byte for byte.
/// </summary>
public sealed class DurabilityTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly DateOnly Start = new(2016, 3, 12);
    private static readonly DateOnly Expiry = new(2016, 4, 22);

    [Fact]
    public async Task Everything_answered_200_survives_kill_9_and_a_graceful_restart()
    {
        var dataDirectory = TestEnvironment.NewDataDirectory();
        var answered = new List<(string Form, KaAnswer Answer)>();
        var a = Ids.Next("D");
        var b = Ids.Next("D");
        string jwks;

        await using (var first = await StartFrontend(dataDirectory))
        {
            var ka = first.Client;
            jwks = await ka.Http.GetStringAsync(new Uri("/.well-known/jwks.json", UriKind.Relative));
            var purchase = await Expect200(ka, KaForms.Purchase(a, Start, Expiry), answered);
            await Expect200(ka, KaForms.Renew(a, new DateOnly(2016, 4, 12), new DateOnly(2016, 5, 22), purchase.Base64), answered);
            await Expect200(ka, KaForms.Upgrade(a, "someproduct1-pro", new DateOnly(2016, 4, 12), new DateOnly(2016, 5, 22)), answered);
            Assert.Equal(HttpStatusCode.OK, (await ka.ReportUsage(a, """{"usedAccounts":7,"usedClusters":2}""")).Status);
            // Terminated below, so its replays are 409 by B.5: not in the replay list.
            Assert.Equal(HttpStatusCode.OK, (await ka.Post(KaForms.Purchase(b, Start, Expiry))).Status);
            Assert.Equal(HttpStatusCode.OK, (await ka.Post(KaForms.Terminate(b, new DateOnly(2016, 9, 18)))).Status);
            var last = Ids.Next("D");
            await Expect200(ka, KaForms.Purchase(last, Start, Expiry, testMode: "Y"), answered);
            first.Process.KillHard();
        }

        await using (var second = await StartFrontend(dataDirectory))
        {
            await AssertRemembered(second.Client, answered, a, b);
            var c = Ids.Next("D");
            await Expect200(second.Client, KaForms.Purchase(c, Start, Expiry), answered);
            Assert.Equal(0, await second.Process.Terminate(TimeSpan.FromSeconds(60)));
        }

        await using var third = await StartFrontend(dataDirectory);
        await AssertRemembered(third.Client, answered, a, b);
        // The Development key is kept in the data directory: old bodies keep verifying.
        Assert.Equal(jwks, await third.Client.Http.GetStringAsync(new Uri("/.well-known/jwks.json", UriKind.Relative)));
    }

    [Fact]
    public async Task Requests_in_flight_at_kill_9_are_either_durable_or_safely_retried()
    {
        var dataDirectory = TestEnvironment.NewDataDirectory();
        var ids = Enumerable.Range(0, 400).Select(_ => Ids.Next("F")).ToArray();
        var answered = new ConcurrentDictionary<string, KaAnswer>();

        await using (var first = await StartFrontend(dataDirectory))
        {
            using var killed = new CancellationTokenSource();
            var workers = Enumerable.Range(0, 16).Select(worker => Task.Run(async () =>
            {
                for (var i = worker; i < ids.Length && !killed.IsCancellationRequested; i += 16)
                {
                    try
                    {
                        var answer = await first.Client.Post(KaForms.Purchase(ids[i], Start, Expiry));
                        if (answer.Status == HttpStatusCode.OK)
                        {
                            answered[ids[i]] = answer;
                        }
                    }
                    catch (HttpRequestException)
                    {
                        return;
                    }
                }
            })).ToArray();

            while (answered.Count < 150 && workers.Any(w => !w.IsCompleted))
            {
                await Task.Delay(5);
            }

            first.Process.KillHard();
            await killed.CancelAsync();
            await Task.WhenAll(workers);
        }

        Assert.InRange(answered.Count, 150, ids.Length - 1);
        await using var second = await StartFrontend(dataDirectory);
        foreach (var id in ids)
        {
            // KA's retry: the same request again. A 200 answered before the kill must come back identical.
            var retry = await second.Client.Post(KaForms.Purchase(id, Start, Expiry));
            Assert.Equal(HttpStatusCode.OK, retry.Status);
            if (answered.TryGetValue(id, out var before))
            {
                Assert.Equal(before.Body, retry.Body);
                Assert.Equal(before.Expiration, retry.Expiration);
            }
        }
    }

    private static async Task<KaAnswer> Expect200(KaClient ka, string form, List<(string, KaAnswer)> answered)
    {
        var answer = await ka.Post(form);
        Assert.True(answer.Status == HttpStatusCode.OK, $"{answer.Status}: {answer.Text}");
        answered.Add((form, answer));
        return answer;
    }

    private static async Task AssertRemembered(KaClient ka, List<(string Form, KaAnswer Answer)> answered, string upgraded, string terminated)
    {
        foreach (var (form, before) in answered)
        {
            var again = await ka.Post(form);
            Assert.Equal(HttpStatusCode.OK, again.Status);
            Assert.Equal(before.Body, again.Body);
            Assert.Equal(before.Expiration, again.Expiration);
        }

        Assert.Equal("""{"version":"isv-reportable-1","usage":{"usedAccounts":7,"usedClusters":2}}""", (await ka.Post(KaForms.GetInfo(upgraded, "someproduct1-pro"))).Text);
        Assert.Equal(HttpStatusCode.Conflict, (await ka.Post(KaForms.Renew(terminated, new DateOnly(2016, 4, 12), new DateOnly(2016, 5, 22)))).Status);
    }

    private static async Task<RunningFrontend> StartFrontend(string dataDirectory)
    {
        var port = TestEnvironment.FreePort();
        var process = ServiceProcess.Frontend(ServiceProcess.EmbeddedSettings(dataDirectory, port));
        var address = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        try
        {
            await process.WaitUntilServing(address, StartTimeout);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }

        return new RunningFrontend(process, new KaClient(new HttpClient { BaseAddress = address }));
    }

    private sealed record RunningFrontend(ServiceProcess Process, KaClient Client) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Client.Http.Dispose();
            await Process.DisposeAsync();
        }
    }
}
