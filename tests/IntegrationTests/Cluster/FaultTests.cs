using System.Diagnostics;
using System.Globalization;
using System.Net;
using Orleans.Licensing.IntegrationTests.Support;
using Xunit.Abstractions;

namespace Orleans.Licensing.IntegrationTests.Cluster;

/// <summary>
/// Issue 3's promise under real faults: three silo processes and a frontend on PostgreSQL take KA traffic over
/// thousands of licenses while one silo is killed, another joins, one leaves gracefully and PostgreSQL goes down
/// for seconds. Afterwards every 200 must be in the database exactly as answered and nothing applied twice.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class FaultTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Licenses = 5000;
    private readonly PostgresServer _postgres = new();

    public Task InitializeAsync() => _postgres.InitializeAsync();

    public Task DisposeAsync() => _postgres.DisposeAsync();

    [Fact]
    public async Task Killing_adding_and_removing_silos_and_stopping_postgres_loses_and_doubles_nothing()
    {
        var database = await _postgres.CreateDatabase();
        await using var cluster = new LocalCluster(database);
        await cluster.Migrate();
        for (var i = 0; i < 3; i++)
        {
            await cluster.StartSilo();
        }

        var frontend = await cluster.StartFrontend();
        var driver = new KaTrafficDriver([LocalCluster.Client(frontend)], "F", TimeSpan.FromSeconds(150));
        var watch = Stopwatch.StartNew();
        var traffic = driver.Run(Licenses, concurrency: 24);
        var events = new List<string>();
        void Log(string line)
        {
            line = string.Create(CultureInfo.InvariantCulture, $"[{watch.Elapsed.TotalSeconds,6:F1}s, {driver.Completed,4} licenses done] {line}");
            events.Add(line);
            output.WriteLine(line);
        }

        await Progress(driver, traffic, 0.10);
        var killed = cluster.Silos[0];
        killed.KillHard();
        Log("silo 1 killed (SIGKILL)");
        // A joining silo first waits for the membership to declare the killed one dead, so it joins in the background.
        var joining = cluster.StartSilo();
        Log("silo 4 starting");

        await Progress(driver, traffic, 0.35);
        var exit = await cluster.Silos.First(s => s != killed).Terminate(TimeSpan.FromSeconds(40));
        Log($"silo 2 left gracefully (SIGTERM, exit code {exit})");
        Assert.Equal(0, exit);

        await Progress(driver, traffic, 0.55);
        await _postgres.Stop("fast");
        Log("PostgreSQL stopped");
        var outage = await ProbeOutage(LocalCluster.Client(frontend));
        await Task.Delay(TimeSpan.FromSeconds(3));
        await _postgres.Start();
        Log($"PostgreSQL started again; during the outage new writes got {string.Join(", ", outage.Select(o => $"{(int)o.Status} in {o.Elapsed.TotalMilliseconds:F0} ms"))}");

        await joining;
        Log("silo 4 joined");
        await traffic;
        Log("traffic finished");
        Assert.True(driver.Completed == Licenses, "every license went through its life");

        var stored = await StoredLicenses.Read(database, cluster.ServiceId);
        var (lost, doubled, details) = DurabilityCheck.Compare(driver.Answers, stored);
        var counts = driver.Counts;
        var report = string.Create(CultureInfo.InvariantCulture,
            $"fault test: licenses={Licenses} requests={counts.Requests} 200s={counts.Ok} 4xx={counts.ClientErrors} 5xx={counts.ServerErrors} network-errors={counts.NetworkErrors} retries={counts.Retries} stuck={counts.Stuck} replay-mismatches={counts.ReplayMismatches} max-5xx-latency={counts.MaxServerErrorLatency.TotalMilliseconds:F0}ms lost={lost} doubled={doubled} in {watch.Elapsed.TotalSeconds:F0}s");
        output.WriteLine(report);
        Console.WriteLine(report);
        foreach (var line in details.Concat(driver.Problems).Take(20))
        {
            output.WriteLine(line);
        }

        Assert.Equal(0, lost);
        Assert.Equal(0, doubled);
        Assert.Equal(0, counts.Stuck);
        Assert.Equal(0, counts.ClientErrors);
        Assert.Equal(0, counts.ReplayMismatches);
        Assert.All(outage, o => Assert.Equal(HttpStatusCode.ServiceUnavailable, o.Status));
        Assert.All(outage, o => Assert.True(o.Elapsed < TimeSpan.FromSeconds(8), $"503 took {o.Elapsed}: the configured timeout is 5 s"));
        Assert.True(counts.ServerErrors + counts.NetworkErrors > 0, "the faults were felt: something had to be retried");
    }

    /// <summary>While the database is down, new licenses cannot be made durable: 503, quickly, never 200.</summary>
    private static async Task<List<(HttpStatusCode Status, TimeSpan Elapsed)>> ProbeOutage(KaClient ka)
    {
        var results = new List<(HttpStatusCode, TimeSpan)>();
        for (var i = 0; i < 3; i++)
        {
            var watch = Stopwatch.StartNew();
            var answer = await ka.Post(KaForms.Purchase(Ids.Next("O"), new DateOnly(2016, 3, 12), new DateOnly(2016, 4, 22)));
            results.Add((answer.Status, watch.Elapsed));
        }

        return results;
    }

    private static async Task Progress(KaTrafficDriver driver, Task traffic, double fraction)
    {
        while (driver.Completed < Licenses * fraction)
        {
            Assert.False(traffic.IsCompleted && driver.Completed < Licenses * fraction, "traffic ended before the fault was injected");
            await Task.Delay(50);
        }
    }
}
