using Npgsql;
using Orleans.Licensing.Hosting;
using Orleans.Licensing.IntegrationTests.Support;
using Orleans.Licensing.Storage;
using Orleans.TestingHost;

namespace Orleans.Licensing.IntegrationTests.Postgres;

/// <summary>The license grain on PostgreSQL through the ADO.NET provider and our schema.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresGrainTests(PostgresServer postgres) : IAsyncLifetime
{
    private static readonly DateOnly Start = new(2016, 3, 12);
    private static readonly DateOnly Expiry = new(2016, 4, 22);
    private string _database = "";
    private TestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _database = await postgres.CreateDatabase();
        await new SchemaMigrator(StorageProvider.PostgreSql, _database).Migrate(_ => { });
        _cluster = await ClusterFixture.Deploy(new Dictionary<string, string>
        {
            ["Licensing:Storage:Provider"] = "PostgreSql",
            ["Licensing:Storage:ConnectionString"] = _database,
            ["Licensing:Storage:MigrateOnStart"] = "false",
        });
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private static LicenseOrder Order(string id, string product, DateOnly expiry) =>
        new(LicenseAction.Purchase, id, product, false, Start, expiry, Start, RegName: "54321");

    [Fact]
    public async Task Ids_that_differ_only_by_leading_zeros_are_two_licenses_with_two_rows()
    {
        var a = await _cluster.GrainFactory.GetLicense("123456").Purchase(Order("123456", "someproduct1", Expiry));
        var b = await _cluster.GrainFactory.GetLicense("0123456").Purchase(Order("0123456", "someproduct1-pro", Expiry.AddDays(1)));

        Assert.Equal(ReplyStatus.Issued, a.Status);
        Assert.Equal(ReplyStatus.Issued, b.Status);
        Assert.NotEqual(a.Body, b.Body);
        await _cluster.DeactivateAsync(_cluster.GrainFactory.GetLicense("123456") as IGrain ?? throw new InvalidOperationException());
        Assert.Equal("someproduct1", (await _cluster.GrainFactory.GetLicense("123456").Describe())!.ProductId);
        Assert.Equal("someproduct1-pro", (await _cluster.GrainFactory.GetLicense("0123456").Describe())!.ProductId);

        await using var connection = new NpgsqlConnection(_database);
        Assert.Equal(["0123456", "123456"], await StoredKeys.Of(connection, "123456", "0123456"));
    }

    [Fact]
    public async Task State_written_by_one_activation_is_what_the_next_activation_reads()
    {
        var license = _cluster.GrainFactory.GetLicense("P1");
        var purchase = await license.Purchase(Order("P1", "someproduct1", Expiry));
        await license.ReportUsage(new Dictionary<string, long> { ["usedAccounts"] = 3 });

        await _cluster.DeactivateAsync((IGrain)license);
        var repeat = await license.Purchase(Order("P1", "someproduct1", Expiry));
        var view = await license.Describe();

        Assert.Equal(ReplyStatus.Repeated, repeat.Status);
        Assert.Equal(purchase.Body, repeat.Body);
        Assert.Equal(3, view!.Usage.Single(u => u.Name == "usedAccounts").Value);
    }

    [Fact]
    public async Task The_read_model_lists_and_bills_from_postgresql()
    {
        var grains = _cluster.GrainFactory;
        await grains.GetLicense("R1").Purchase(Order("R1", "someproduct1", Expiry));
        await grains.GetLicense("R2").Purchase(new LicenseOrder(LicenseAction.Purchase, "R2", "someproduct1-pro", true, Start, Expiry));
        await grains.GetLicense("R3").Purchase(Order("R3", "someproduct1-pro", Expiry));
        await grains.GetLicense("R3").Terminate(new TerminationOrder("R3", "someproduct1-pro", false, Start.AddDays(5)));

        var report = await grains.GetGrain<IReportingGrain>(0).BillingPage(Start, Start.AddDays(29), null, 1000);
        var onePerPage = new List<BillingLine>();
        string? after = null;
        do
        {
            var next = await grains.GetGrain<IReportingGrain>(0).BillingPage(Start, Start.AddDays(29), after, 1);
            onePerPage.AddRange(next.Lines);
            after = next.Next;
        }
        while (after is not null);

        var page = await grains.GetGrain<IReportingGrain>(0).List("someproduct1-pro", null, null, 10);
        await grains.GetLicense("R1").Renew(Order("R1", "someproduct1", Expiry.AddDays(30)) with { StartDate = Expiry.AddDays(-10) });
        var caughtUp = await grains.GetGrain<IReportingGrain>(0).List("someproduct1", null, null, 10);

        Assert.Equal([("R1", "someproduct1", 30), ("R3", "someproduct1-pro", 5)], report.Lines.Select(l => (l.PurchaseId, l.ProductId, l.ActiveDays)));
        Assert.Equal((2, (string?)null), (report.LicensesConsidered, report.Next));
        Assert.Equal(report.Lines, onePerPage);
        Assert.Equal(["R2", "R3"], page.Items.Select(i => i.PurchaseId));
        Assert.Equal(Expiry.AddDays(30), caughtUp.Items.Single(i => i.PurchaseId == "R1").ExpiryDate);
    }
}
