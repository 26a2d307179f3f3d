using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Orleans.Licensing.IntegrationTests.Support;
using Orleans.TestingHost;

namespace Orleans.Licensing.IntegrationTests.Grains;

/// <summary>B.12 on the real grain and store: an old license's state stays small, and its history is complete.</summary>
[Collection(ClusterCollection.Name)]
public sealed class LicenseHistoryTests(ClusterFixture fixture)
{
    private const int Renewals = 120;
    private const int UsageReports = 10_000;
    private static readonly DateOnly Bought = new(2016, 3, 12);

    private ILicenseGrain License(string purchaseId) => fixture.Grains.GetLicense(purchaseId);

    [Fact]
    public async Task After_120_renewals_and_10000_usage_reports_the_state_is_at_most_16_KiB_and_the_history_holds_exactly_what_happened()
    {
        var id = Ids.Next("H");
        var issued = new List<LicenseReply>();
        var purchase = Order(id, 0);
        issued.Add(await License(id).Purchase(purchase));
        for (var month = 1; month <= Renewals; month++)
        {
            issued.Add(await License(id).Renew(Order(id, month) with { PreviousLicenseBody = issued[^1].Body }));
        }

        var reported = new List<(long Accounts, long Clusters)>();
        for (var i = 0; i < UsageReports; i++)
        {
            var counters = (Accounts: (long)i, Clusters: (long)(i % 7));
            var reply = await License(id).ReportUsage(new Dictionary<string, long> { ["usedAccounts"] = counters.Accounts, ["usedClusters"] = counters.Clusters });
            Assert.Equal(ReplyStatus.Usage, reply.Status);
            reported.Add(counters);
        }

        Assert.All(issued, reply => Assert.Equal(ReplyStatus.Issued, reply.Status));
        await using var connection = new SqliteConnection($"Data Source={fixture.DatabasePath}");
        await connection.OpenAsync();
        var stateBytes = Convert.ToInt64(await Scalar(connection, "SELECT length(State) FROM Licenses WHERE PurchaseId = @id", id), CultureInfo.InvariantCulture);
        Assert.InRange(stateBytes, 1, 16 * 1024);

        var bodies = await Rows(connection, "SELECT Revision, Body, ExpiresAt FROM LicenseIssuances WHERE PurchaseId = @id ORDER BY Revision", id);
        Assert.Equal(Enumerable.Range(1, Renewals + 1), bodies.Select(r => Convert.ToInt32(r[0], CultureInfo.InvariantCulture)));
        Assert.Equal(issued.Select(r => r.Body!), bodies.Select(r => (byte[])r[1]));
        Assert.Equal(issued.Select(r => r.ExpiresAt!.Value), bodies.Select(r => DateTimeOffset.Parse((string)r[2], CultureInfo.InvariantCulture)));

        var usage = await Rows(connection, "SELECT Counters FROM LicenseUsageReports WHERE PurchaseId = @id ORDER BY Version", id);
        Assert.Equal(reported, usage.Select(r =>
        {
            var counters = JsonSerializer.Deserialize<Dictionary<string, long>>((string)r[0])!;
            return (counters["usedAccounts"], counters["usedClusters"]);
        }));
        var audit = await Rows(connection, "SELECT Cause FROM LicenseAudit WHERE PurchaseId = @id ORDER BY Version, Entry", id);
        Assert.Equal(
            ["KA PURCHASE", .. Enumerable.Repeat("KA RENEW", Renewals), .. Enumerable.Repeat("Operator usage report", UsageReports)],
            audit.Select(r => (string)r[0]));
    }

    [Fact]
    public async Task After_120_renewals_a_repeat_of_the_very_first_purchase_is_answered_byte_identical_from_the_history()
    {
        var id = Ids.Next("H");
        var first = await License(id).Purchase(Order(id, 0));
        var upgrade = await License(id).Upgrade(Order(id, 0, "someproduct1-pro"));
        var last = upgrade;
        for (var month = 1; month <= Renewals; month++)
        {
            last = await License(id).Renew(Order(id, month, "someproduct1-pro"));
            Assert.Equal(ReplyStatus.Issued, last.Status);
        }

        // A fresh activation knows only what storage holds.
        await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var repeat = await License(id).Purchase(Order(id, 0));
        var renewalRepeat = await License(id).Renew(Order(id, 3, "someproduct1-pro"));
        var stale = await License(id).Renew(Order(id, 3, "someproduct1"));

        Assert.Equal(ReplyStatus.Repeated, repeat.Status);
        Assert.Equal(first.Body, repeat.Body);
        Assert.Equal(first.ExpiresAt, repeat.ExpiresAt);
        Assert.Equal(ReplyStatus.Repeated, renewalRepeat.Status);
        // A repeat of the upgrade to Pro while the license is on Pro: the upgrade's own body.
        var upgradeRepeat = await License(id).Upgrade(Order(id, 0, "someproduct1-pro"));
        Assert.Equal(ReplyStatus.Repeated, upgradeRepeat.Status);
        Assert.Equal(upgrade.Body, upgradeRepeat.Body);
        // Same dates as a renewal long past, but another product: no repeat, and stale.
        Assert.Equal(ReplyStatus.Conflict, stale.Status);
        var view = await License(id).Describe();
        Assert.Equal(Renewals + 2, view!.Issuances.Count);
        Assert.Equal(last.ExpiresAt, view.ExpiresAt);
    }

    [Fact]
    public async Task A_license_at_its_issuance_limit_refuses_new_issuances_with_409_and_still_answers_repeats()
    {
        await using var cluster = await LimitedCluster(3);
        var id = Ids.Next("H");
        var license = cluster.GrainFactory.GetLicense(id);
        await license.Purchase(Order(id, 0));
        await license.Renew(Order(id, 1));
        var third = await license.Renew(Order(id, 2));

        var refused = await license.Renew(Order(id, 3));
        var repeat = await license.Renew(Order(id, 2));

        Assert.Equal(ReplyStatus.Conflict, refused.Status);
        Assert.Contains("3 issuances", refused.Message, StringComparison.Ordinal);
        Assert.Equal(ReplyStatus.Repeated, repeat.Status);
        Assert.Equal(third.Body, repeat.Body);
        Assert.Equal(3, (await license.Describe())!.Issuances.Count);
    }

    private static LicenseOrder Order(string id, int month, string product = "someproduct1") =>
        new(LicenseAction.Purchase, id, product, TestMode: false, Bought.AddMonths(month), Bought.AddMonths(month + 1).AddDays(10), SubscriptionDate: Bought, RegName: "54321");

    private static async Task<TestCluster> LimitedCluster(int maxIssuances)
    {
        var directory = TestEnvironment.NewDataDirectory();
        return await ClusterFixture.Deploy(new Dictionary<string, string>
        {
            ["Licensing:DataDirectory"] = directory,
            ["Licensing:Licenses:MaxIssuances"] = maxIssuances.ToString(CultureInfo.InvariantCulture),
        });
    }

    private static async Task<object?> Scalar(SqliteConnection connection, string sql, string id) => (await Rows(connection, sql, id)).Single()[0];

    private static async Task<List<object[]>> Rows(SqliteConnection connection, string sql, string id)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("@id", id);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object[]>();
        while (await reader.ReadAsync())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }

        return rows;
    }
}
