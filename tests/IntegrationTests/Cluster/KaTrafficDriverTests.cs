using Orleans.Licensing.IntegrationTests.Support;

namespace Orleans.Licensing.IntegrationTests.Cluster;

/// <summary>
/// The fault test's traffic without the faults, against one embedded frontend: every request it plans is valid
/// (all 200, nothing retried) and its repeated RENEWs come back byte for byte, so under faults anything else is the
/// faults' doing. The fault test itself takes minutes; this takes seconds.
/// </summary>
public sealed class KaTrafficDriverTests(EmbeddedFrontend frontend) : IClassFixture<EmbeddedFrontend>
{
    [Fact]
    public async Task Every_license_goes_through_its_life_with_a_200_for_every_request()
    {
        var driver = new KaTrafficDriver([frontend.NewClient()], "F", TimeSpan.FromSeconds(30));

        await driver.Run(60, concurrency: 4);

        var counts = driver.Counts;
        Assert.True(driver.Problems.IsEmpty, string.Join("\n", driver.Problems.Take(10)));
        Assert.Equal(60, driver.Completed);
        Assert.Equal(counts.Requests, counts.Ok);
        Assert.Equal(0, counts.Retries);
        Assert.Equal(0, counts.ReplayMismatches);
        // 60 PURCHASEs, 120 RENEWs, 60 GET-INFOs, 12 repeated RENEWs (every 5th), 20 UPGRADEs (every 3rd), 15 TERMINATEs (every 4th).
        Assert.Equal(287, counts.Requests);
        Assert.Equal(12, driver.Answers.Count(a => a.Action == KaAction.Replay));
    }
}
