using IsvLicensing.Verifier;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Licensing.IntegrationTests.Support;
using Orleans.Licensing.Signing;
using Orleans.TestingHost;

namespace Orleans.Licensing.IntegrationTests.Grains;

[Collection(ClusterCollection.Name)]
public sealed class LicenseGrainTests(ClusterFixture fixture)
{
    private static readonly DateOnly March12 = new(2016, 3, 12);
    private static readonly DateOnly April22 = new(2016, 4, 22);

    private ILicenseGrain License(string purchaseId) => fixture.Grains.GetLicense(purchaseId);

    private static LicenseOrder Order(string id, DateOnly start, DateOnly expiry, string product = "someproduct1", byte[]? previous = null) =>
        new(LicenseAction.Purchase, id, product, TestMode: false, start, expiry, SubscriptionDate: March12, RegName: "54321", PreviousLicenseBody: previous);

    [Fact]
    public async Task Fifty_concurrent_identical_renewals_get_one_answer_and_change_the_license_once()
    {
        var id = Ids.Next("G");
        var purchase = await License(id).Purchase(Order(id, March12, April22));
        Assert.Equal(ReplyStatus.Issued, purchase.Status);

        var renewal = Order(id, new DateOnly(2016, 4, 12), new DateOnly(2016, 5, 22), previous: purchase.Body);
        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => License(id).Renew(renewal)));

        Assert.All(answers, a => Assert.Contains(a.Status, new[] { ReplyStatus.Issued, ReplyStatus.Repeated }));
        Assert.Single(answers, a => a.Status == ReplyStatus.Issued);
        Assert.All(answers, a => Assert.Equal(answers[0].Body, a.Body));
        Assert.All(answers, a => Assert.Equal(answers[0].ExpiresAt, a.ExpiresAt));
        var view = await License(id).Describe();
        Assert.Equal(["Purchase", "Renew"], view!.Issuances.Select(i => i.Cause));
    }

    [Fact]
    public async Task Fifty_concurrent_renewals_with_different_dates_leave_the_state_one_answer_describes()
    {
        var id = Ids.Next("G");
        await License(id).Purchase(Order(id, March12, April22));
        var renewals = Enumerable.Range(1, 50)
            .Select(i => Order(id, new DateOnly(2016, 4, 12), April22.AddDays(i)))
            .ToArray();

        var answers = await Task.WhenAll(renewals.Select(r => License(id).Renew(r)));

        var issued = answers.Where(a => a.Status == ReplyStatus.Issued).ToList();
        Assert.NotEmpty(issued);
        Assert.All(answers, a => Assert.Contains(a.Status, new[] { ReplyStatus.Issued, ReplyStatus.Conflict }));
        var view = await License(id).Describe();
        var latest = issued.MaxBy(a => a.ExpiresAt)!;
        Assert.Equal(DateOnly.FromDateTime(latest.ExpiresAt!.Value.UtcDateTime), view!.ExpiryDate);
        Assert.Equal(latest.ExpiresAt, view.ExpiresAt);
        Assert.Equal(issued.Count + 1, view.Issuances.Count);
        // Every accepted renewal moved the expiry forward: nothing stale slipped in between.
        var expiries = view.Issuances.Select(i => i.ExpiryDate).ToList();
        Assert.Equal(expiries.Order(), expiries);
    }

    [Fact]
    public async Task Ids_that_differ_only_by_leading_zeros_are_two_licenses_with_two_rows()
    {
        var a = await License("123456").Purchase(Order("123456", March12, April22));
        var b = await License("0123456").Purchase(Order("0123456", March12, April22, product: "someproduct1-pro"));

        Assert.Equal(ReplyStatus.Issued, a.Status);
        Assert.Equal(ReplyStatus.Issued, b.Status);
        Assert.Equal("someproduct1", (await License("123456").Describe())!.ProductId);
        Assert.Equal("someproduct1-pro", (await License("0123456").Describe())!.ProductId);

        await using var connection = new SqliteConnection($"Data Source={fixture.DatabasePath}");
        Assert.Equal(["0123456", "123456"], await StoredKeys.Of(connection, "123456", "0123456"));
    }

    [Fact]
    public async Task A_lost_license_is_restored_from_a_body_signed_for_it_and_only_for_it()
    {
        var keys = fixture.Cluster.Primary is InProcessSiloHandle silo
            ? silo.SiloHost.Services.GetRequiredService<SigningKeyRing>()
            : throw new InvalidOperationException("the test cluster runs its silos in process");
        var id = Ids.Next("R");
        var claims = new LicenseClaims(
            keys.Issuer, id, 7, "someproduct1", "Basic", new Dictionary<string, string>(), false, "54321", null,
            March12, March12, April22, new DateTimeOffset(2016, 4, 22, 9, 30, 0, TimeSpan.Zero), new DateTimeOffset(2016, 3, 12, 9, 30, 0, TimeSpan.Zero));
        var body = keys.Sign(claims.ToJson());

        var otherId = Ids.Next("R");
        var refused = await License(otherId).Renew(Order(otherId, new DateOnly(2016, 4, 12), new DateOnly(2016, 5, 22), previous: body));
        Assert.Equal(ReplyStatus.NotFound, refused.Status);
        var foreign = await License(otherId).Renew(Order(otherId, new DateOnly(2016, 4, 12), new DateOnly(2016, 5, 22), previous: "4 8 15 16 23 42"u8.ToArray()));
        Assert.Equal(ReplyStatus.NotFound, foreign.Status);
        Assert.Null(await License(otherId).Describe());

        var renewed = await License(id).Renew(Order(id, new DateOnly(2016, 4, 12), new DateOnly(2016, 5, 22), previous: body));

        Assert.Equal(ReplyStatus.Issued, renewed.Status);
        var view = await License(id).Describe();
        Assert.Equal(["Restore", "Renew"], view!.Issuances.Select(i => i.Cause));
        Assert.Equal([7, 8], view.Issuances.Select(i => i.Revision));
        Assert.Equal(new DateOnly(2016, 5, 22), view.ExpiryDate);
    }

    [Fact]
    public async Task A_write_that_storage_refuses_fails_and_leaves_the_grain_believing_only_what_is_stored()
    {
        var id = Ids.Next("S");
        await License(id).Purchase(Order(id, March12, April22));

        await using (var blocker = new SqliteConnection($"Data Source={fixture.DatabasePath};Pooling=False"))
        {
            await blocker.OpenAsync();
            await using var begin = blocker.CreateCommand();
            begin.CommandText = "BEGIN EXCLUSIVE";
            await begin.ExecuteNonQueryAsync();

            await Assert.ThrowsAsync<LicenseStorageException>(() =>
                License(id).Renew(Order(id, new DateOnly(2016, 4, 12), new DateOnly(2016, 6, 22))));

            await using var rollback = blocker.CreateCommand();
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync();
        }

        var view = await License(id).Describe();
        Assert.Equal(April22, view!.ExpiryDate);
        Assert.Single(view.Issuances);
        // Had the grain kept the refused expiry (22 June), this earlier renewal would be a stale 409.
        var renewal = await License(id).Renew(Order(id, new DateOnly(2016, 4, 12), new DateOnly(2016, 5, 22)));
        Assert.Equal(ReplyStatus.Issued, renewal.Status);
    }
}
