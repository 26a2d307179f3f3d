using System.Text;
using Orleans.Licensing.Hosting;
using Orleans.Licensing.IntegrationTests.Support;
using Orleans.Licensing.Licenses;
using Orleans.Licensing.Storage;

namespace Orleans.Licensing.IntegrationTests.Storage;

/// <summary>Group commit and its guarantees, on both databases: many licenses per transaction, each alone in its failures.</summary>
[Collection(PostgresCollection.Name)]
public sealed class LicenseStoreTests(PostgresServer postgres)
{
    private static readonly DateOnly Start = new(2016, 3, 12);

    public static TheoryData<StorageProvider> Providers => [StorageProvider.Sqlite, StorageProvider.PostgreSql];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Concurrent_writes_of_different_licenses_share_transactions_and_each_is_durable(StorageProvider provider)
    {
        await using var store = await Create(provider);
        var ids = Enumerable.Range(0, 300).Select(_ => Ids.Next("S")).ToList();

        var versions = await Task.WhenAll(ids.Select(id => Task.Run(() => store.Store.Commit(Purchase(id)))));

        Assert.All(versions, v => Assert.Equal(1, v));
        Assert.InRange(store.Store.Transactions, 1, ids.Count - 1);
        foreach (var id in ids)
        {
            Assert.Equal(1, (await store.Store.Read(id)).Version);
            Assert.Equal(1, await store.Count("LicenseIssuances", id));
            Assert.Equal(1, await store.Count("LicenseAudit", id));
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_version_conflict_in_a_batch_fails_that_license_alone_and_writes_none_of_its_history(StorageProvider provider)
    {
        await using var store = await Create(provider);
        var (a, b, c, d) = (Ids.Next("S"), Ids.Next("S"), Ids.Next("S"), Ids.Next("S"));
        var seeded = await store.Store.WriteBatch([Purchase(b), Purchase(d)]);
        Assert.Equal([true, true], seeded);

        var applied = await store.Store.WriteBatch([
            Purchase(a),
            Renew(b, expectedVersion: 7),   // the row is at version 1
            Purchase(d),                    // the row exists already
            Renew(c, expectedVersion: 1),   // there is no row
        ]);

        Assert.Equal([true, false, false, false], applied);
        Assert.Equal(1, (await store.Store.Read(a)).Version);
        var stillB = await store.Store.Read(b);
        Assert.Equal(1, stillB.Version);
        Assert.Equal(1, stillB.State.Current.Revision);
        Assert.Equal(1, await store.Count("LicenseIssuances", b));
        Assert.Equal(1, await store.Count("LicenseAudit", b));
        Assert.Equal(1, await store.Count("LicenseIssuances", d));
        Assert.Equal(0, await store.Count("LicenseAudit", c));
        Assert.Same(StoredLicense.None, await store.Store.Read(c));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_failed_transaction_fails_every_write_in_it_and_changes_nothing(StorageProvider provider)
    {
        await using var store = await Create(provider);
        var (a, b) = (Ids.Next("S"), Ids.Next("S"));
        var seeded = await store.Store.WriteBatch([Purchase(b)]);
        Assert.Equal([true], seeded);

        // b's renewal repeats revision 1, which its history holds already: the insert breaks the transaction.
        var broken = Renew(b, expectedVersion: 1) with { Issued = [Issuance(b, 1, IssuanceCause.Renew)] };
        await Assert.ThrowsAnyAsync<Exception>(() => store.Store.WriteBatch([Purchase(a), broken]));

        Assert.Same(StoredLicense.None, await store.Store.Read(a));
        Assert.Equal(0, await store.Count("LicenseIssuances", a));
        Assert.Equal(1, (await store.Store.Read(b)).Version);
        Assert.Equal(1, await store.Count("LicenseAudit", b));

        // Through the queue, such a failure reaches the grain as the serializable storage exception.
        await Assert.ThrowsAsync<LicenseStorageException>(() => store.Store.Commit(broken));
    }

    private async Task<StoreUnderTest> Create(StorageProvider provider) => provider == StorageProvider.Sqlite
        ? await StoreUnderTest.Sqlite()
        : await StoreUnderTest.Create(provider, await postgres.CreateDatabase());

    private static LicenseWrite Purchase(string id)
    {
        var issuance = Issuance(id, 1, IssuanceCause.Purchase);
        return new LicenseWrite(id, 0, LicenseState.Empty.With(issuance), [issuance], [new AuditEntry(DateTimeOffset.UtcNow, "KA PURCHASE", "test")]);
    }

    private static LicenseWrite Renew(string id, int expectedVersion)
    {
        var issuance = Issuance(id, 2, IssuanceCause.Renew);
        var state = LicenseState.Empty.With(Issuance(id, 1, IssuanceCause.Purchase)).With(issuance);
        return new LicenseWrite(id, expectedVersion, state, [issuance], [new AuditEntry(DateTimeOffset.UtcNow, "KA RENEW", "test")]);
    }

    private static Issuance Issuance(string id, int revision, IssuanceCause cause) => new(
        revision, cause, "someproduct1", false, "54321", null, Start, Start.AddMonths(revision - 1), Start.AddMonths(revision).AddDays(10),
        new DateTimeOffset(Start.AddMonths(revision).AddDays(10).ToDateTime(new TimeOnly(15, 2, 10)), TimeSpan.Zero), DateTimeOffset.UtcNow, "kid",
        Encoding.UTF8.GetBytes($"body of {id} revision {revision}"));
}
