using Orleans.Licensing.IntegrationTests.Support;
using Orleans.Licensing.Storage;
using Orleans.TestingHost;

namespace Orleans.Licensing.IntegrationTests.OperatorConsole;

/// <summary>The console's questions to the reporting grain, answered from the rows on SQLite and on PostgreSQL alike.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ConsoleQueriesTests(PostgresServer postgres)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Search_overview_bodies_and_key_usage_come_from_the_license_rows(StorageProvider provider)
    {
        await using var cluster = await Deploy(provider);
        var grains = cluster.GrainFactory;
        await Buy(grains, "Q1", Today.AddDays(10), test: true);
        await Buy(grains, "Q10", Today.AddDays(5));
        await Buy(grains, "Q19", Today.AddDays(-40));
        await Buy(grains, "Q1z", Today.AddDays(100));
        await Buy(grains, "Q2", Today.AddDays(200));
        await Buy(grains, "P1", Today.AddDays(20), product: "someproduct1-pro");
        await Buy(grains, "Q", Today.AddDays(-1));
        await grains.GetLicense("Q1z").Terminate(new TerminationOrder("Q1z", "someproduct1", false, Today.AddDays(-1)));
        var reporting = grains.GetGrain<IReportingGrain>(0);

        var prefixed = await reporting.Search(Search() with { PurchaseIdPrefix = "Q1" });
        var byExpiry = new List<string>();
        string? after = null;
        do
        {
            var page = await reporting.Search(Search() with { ByExpiry = true, After = after, Limit = 2 });
            byExpiry.AddRange(page.Items.Select(i => i.PurchaseId));
            after = page.Next;
        }
        while (after is not null);
        var expired = await reporting.Search(Search() with { Status = "Expired" });
        var test = await reporting.Search(Search() with { TestMode = true });
        var realPro = await reporting.Search(Search() with { TestMode = false, ProductId = "someproduct1-pro" });
        var overview = await reporting.Overview();
        var bodies = await reporting.Bodies("Q10");
        var keys = await reporting.KeyUsage();

        Assert.Equal(["Q1", "Q10", "Q19", "Q1z"], prefixed.Items.Select(i => i.PurchaseId));
        Assert.Equal(["Q19", "Q", "Q10", "Q1", "P1", "Q1z", "Q2"], byExpiry);
        Assert.Equal(["Q", "Q19"], expired.Items.Select(i => i.PurchaseId));
        Assert.Equal(["Q1"], test.Items.Select(i => i.PurchaseId));
        Assert.Equal(["P1"], realPro.Items.Select(i => i.PurchaseId));

        Assert.Equal(
            [("someproduct1", false, "Active", 2L), ("someproduct1", false, "Expired", 2L), ("someproduct1", false, "Terminated", 1L), ("someproduct1", true, "Active", 1L), ("someproduct1-pro", false, "Active", 1L)],
            overview.Counts.Select(c => (c.ProductId, c.TestMode, c.Status, c.Count)));
        Assert.Equal([new DayCount(Today, 7)], overview.IssuedPerDay);
        Assert.Equal(3, overview.ExpiringCount);
        Assert.Equal(["Q10", "Q1", "P1"], overview.Expiring.Select(l => l.PurchaseId));
        Assert.Equal(2, overview.OverdueCount);
        Assert.Equal(["Q19", "Q"], overview.Overdue.Select(l => l.PurchaseId));

        Assert.Equal(1, Assert.Single(bodies).Revision);
        Assert.StartsWith("eyJ", System.Text.Encoding.ASCII.GetString(bodies[0].Body), StringComparison.Ordinal);
        var key = Assert.Single(keys);
        Assert.Equal(bodies[0].KeyId, key.KeyId);
        Assert.InRange(key.LiveBodies, 5, 6); // not Q19's; Q's only while its body has not expired yet
        Assert.True(DateOnly.FromDateTime(key.LatestExpiry.UtcDateTime) >= Today.AddDays(200));
    }

    private static LicenseSearch Search() => new(null, null, null, null, false, null, 50);

    private static async Task Buy(IGrainFactory grains, string id, DateOnly expiry, string product = "someproduct1", bool test = false)
    {
        var reply = await grains.GetLicense(id).Purchase(new LicenseOrder(LicenseAction.Purchase, id, product, test, Today.AddDays(-60), expiry, RegName: "54321"));
        Assert.Equal(ReplyStatus.Issued, reply.Status);
    }

    private async Task<TestCluster> Deploy(StorageProvider provider)
    {
        var settings = new Dictionary<string, string> { ["Licensing:DataDirectory"] = TestEnvironment.NewDataDirectory() };
        if (provider == StorageProvider.PostgreSql)
        {
            var database = await postgres.CreateDatabase();
            await new SchemaMigrator(StorageProvider.PostgreSql, database).Migrate(_ => { });
            settings["Licensing:Storage:Provider"] = "PostgreSql";
            settings["Licensing:Storage:ConnectionString"] = database;
            settings["Licensing:Storage:MigrateOnStart"] = "false";
        }
        else
        {
            settings["Licensing:Storage:ConnectionString"] = $"Data Source={Path.Combine(settings["Licensing:DataDirectory"], "licensing.db")}";
        }

        return await ClusterFixture.Deploy(settings);
    }
}
