using System.Data.Common;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Licensing.Licenses;

namespace Orleans.Licensing.Storage;

/// <summary>
/// The cluster's store. A batch is one call of <c>license_store_write</c> (deploy/sql/postgresql/0006): the
/// licenses' rows and their history rows travel as arrays, each license's row is written only if it is still at
/// the version its grain expects, and the history rows are inserted only for the rows that were written, so a
/// license that lost a race fails alone and no history row ever stands without its state. One statement is one
/// round trip and one transaction, committed before any of its writes is answered. Two committers keep one batch
/// filling while the other commits.
/// </summary>
public sealed class PostgresLicenseStore(NpgsqlDataSource database, string serviceId, LicenseStateCodec codec, ILogger<PostgresLicenseStore> logger)
    : LicenseStore(serviceId, codec, logger, committers: 2, maxBatch: 256)
{
    private const string BatchSql = """
        SELECT license_store_write(
            @service::text, @ids::text[], @expected::integer[], @products::text[], @tests::integer[], @starts::text[], @expiries::text[],
            @terminated::text[], @revisions::integer[], @states::bytea[],
            @i_ids::text[], @i_revisions::integer[], @i_causes::text[], @i_products::text[], @i_tests::integer[], @i_regs::text[],
            @i_activations::text[], @i_subscriptions::text[], @i_starts::text[], @i_expiries::text[], @i_expires_at::text[],
            @i_issued_at::text[], @i_keys::text[], @i_bodies::bytea[],
            @a_ids::text[], @a_versions::integer[], @a_entries::integer[], @a_at::text[], @a_causes::text[], @a_details::text[],
            @u_ids::text[], @u_versions::integer[], @u_at::text[], @u_counters::text[])
        """;

    protected override async Task<DbConnection> Open() => await database.OpenConnectionAsync();

    protected internal override async Task<bool[]> WriteBatch(IReadOnlyList<LicenseWrite> writes)
    {
        var n = writes.Count;
        var issued = writes.SelectMany(w => w.Issued.Select(i => (w.PurchaseId, Issued: i))).ToList();
        var audited = writes.SelectMany(w => w.Audit.Select((entry, index) => (Write: w, Entry: entry, Index: index))).ToList();
        var reported = writes.Where(w => w.UsageReported is not null).ToList();

        await using var command = database.CreateCommand(BatchSql);
        var p = command.Parameters;
        p.AddWithValue("service", ServiceId);
        p.AddWithValue("ids", writes.Select(w => w.PurchaseId).ToArray());
        p.AddWithValue("expected", writes.Select(w => w.ExpectedVersion).ToArray());
        p.AddWithValue("products", writes.Select(w => w.State.Current.ProductId).ToArray());
        p.AddWithValue("tests", writes.Select(w => w.State.Current.TestMode ? 1 : 0).ToArray());
        p.AddWithValue("starts", writes.Select(w => StorageValues.Text(w.State.Current.StartDate)).ToArray());
        p.AddWithValue("expiries", writes.Select(w => StorageValues.Text(w.State.Current.ExpiryDate)).ToArray());
        p.AddWithValue("terminated", writes.Select(w => StorageValues.Text(w.State.TerminatedOn)).ToArray());
        p.AddWithValue("revisions", writes.Select(w => w.State.Current.Revision).ToArray());
        p.AddWithValue("states", writes.Select(w => Codec.Encode(w.State)).ToArray());

        p.AddWithValue("i_ids", issued.Select(w => w.PurchaseId).ToArray());
        p.AddWithValue("i_revisions", issued.Select(w => w.Issued.Revision).ToArray());
        p.AddWithValue("i_causes", issued.Select(w => w.Issued.Cause.ToString()).ToArray());
        p.AddWithValue("i_products", issued.Select(w => w.Issued.ProductId).ToArray());
        p.AddWithValue("i_tests", issued.Select(w => w.Issued.TestMode ? 1 : 0).ToArray());
        p.AddWithValue("i_regs", issued.Select(w => w.Issued.RegName).ToArray());
        p.AddWithValue("i_activations", issued.Select(w => w.Issued.ActivationData).ToArray());
        p.AddWithValue("i_subscriptions", issued.Select(w => StorageValues.Text(w.Issued.SubscriptionDate)).ToArray());
        p.AddWithValue("i_starts", issued.Select(w => StorageValues.Text(w.Issued.StartDate)).ToArray());
        p.AddWithValue("i_expiries", issued.Select(w => StorageValues.Text(w.Issued.ExpiryDate)).ToArray());
        p.AddWithValue("i_expires_at", issued.Select(w => StorageValues.Text(w.Issued.ExpiresAt)).ToArray());
        p.AddWithValue("i_issued_at", issued.Select(w => StorageValues.Text(w.Issued.IssuedAt)).ToArray());
        p.AddWithValue("i_keys", issued.Select(w => w.Issued.KeyId).ToArray());
        p.AddWithValue("i_bodies", issued.Select(w => w.Issued.Body).ToArray());

        p.AddWithValue("a_ids", audited.Select(a => a.Write.PurchaseId).ToArray());
        p.AddWithValue("a_versions", audited.Select(a => a.Write.NewVersion).ToArray());
        p.AddWithValue("a_entries", audited.Select(a => a.Index).ToArray());
        p.AddWithValue("a_at", audited.Select(a => StorageValues.Text(a.Entry.At)).ToArray());
        p.AddWithValue("a_causes", audited.Select(a => a.Entry.Cause).ToArray());
        p.AddWithValue("a_details", audited.Select(a => a.Entry.Detail).ToArray());

        p.AddWithValue("u_ids", reported.Select(w => w.PurchaseId).ToArray());
        p.AddWithValue("u_versions", reported.Select(w => w.NewVersion).ToArray());
        p.AddWithValue("u_at", reported.Select(w => StorageValues.Text(w.At)).ToArray());
        p.AddWithValue("u_counters", reported.Select(w => JsonSerializer.Serialize(w.UsageReported)).ToArray());

        var written = new HashSet<string>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                written.Add(reader.GetString(0));
            }
        }

        var applied = new bool[n];
        for (var i = 0; i < n; i++)
        {
            applied[i] = written.Contains(writes[i].PurchaseId);
        }

        return applied;
    }

    protected override ValueTask DisposeCore() => database.DisposeAsync();
}
