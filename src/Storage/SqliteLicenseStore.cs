using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Orleans.Licensing.Licenses;

namespace Orleans.Licensing.Storage;

/// <summary>
/// The embedded default's store. SQLite has one writer at a time, so one committer takes the queued writes in
/// turns, a transaction (and an fsync) per batch; reads run beside it under WAL.
/// </summary>
public sealed class SqliteLicenseStore(string connectionString, string serviceId, LicenseStateCodec codec, ILogger<SqliteLicenseStore> logger)
    : LicenseStore(serviceId, codec, logger, committers: 1, maxBatch: 512)
{
    protected override async Task<DbConnection> Open()
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    protected internal override async Task<bool[]> WriteBatch(IReadOnlyList<LicenseWrite> writes)
    {
        await using var connection = (SqliteConnection)await Open();
        // IMMEDIATE: take the write lock now rather than fail to upgrade a read lock half-way.
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var insert = Command(connection, """
            INSERT INTO Licenses (ServiceId, PurchaseId, Version, ProductId, TestMode, StartDate, ExpiryDate, TerminatedOn, Revision, State, ModifiedOn)
            VALUES (@service, @id, 1, @product, @test, @start, @expiry, @terminated, @revision, @state, @at)
            ON CONFLICT (ServiceId, PurchaseId) DO NOTHING
            """, transaction);
        await using var update = Command(connection, """
            UPDATE Licenses SET Version = Version + 1, ProductId = @product, TestMode = @test, StartDate = @start, ExpiryDate = @expiry,
                TerminatedOn = @terminated, Revision = @revision, State = @state, ModifiedOn = @at
            WHERE ServiceId = @service AND PurchaseId = @id AND Version = @expected
            """, transaction);
        await using var issuance = Command(connection, StorageValues.InsertIssuance, transaction);
        await using var audit = Command(connection, """
            INSERT INTO LicenseAudit (ServiceId, PurchaseId, Version, Entry, At, Cause, Detail)
            VALUES (@service, @id, @version, @entry, @at, @cause, @detail)
            """, transaction);
        await using var usage = Command(connection, """
            INSERT INTO LicenseUsageReports (ServiceId, PurchaseId, Version, ReportedAt, Counters)
            VALUES (@service, @id, @version, @at, @counters)
            """, transaction);

        var applied = new bool[writes.Count];
        for (var w = 0; w < writes.Count; w++)
        {
            var write = writes[w];
            var row = write.ExpectedVersion == 0 ? insert : update;
            StorageValues.Set(row, "id", write.PurchaseId);
            StorageValues.SetLicense(row, write.State, Codec.Encode(write.State));
            StorageValues.Set(row, "at", StorageValues.Text(write.At));
            if (row == update)
            {
                StorageValues.Set(row, "expected", write.ExpectedVersion);
            }

            if (await row.ExecuteNonQueryAsync() != 1)
            {
                continue;
            }

            applied[w] = true;
            foreach (var issued in write.Issued)
            {
                StorageValues.Set(issuance, "id", write.PurchaseId);
                StorageValues.SetIssuance(issuance, issued);
                await issuance.ExecuteNonQueryAsync();
            }

            for (var e = 0; e < write.Audit.Count; e++)
            {
                var entry = write.Audit[e];
                StorageValues.Set(audit, "id", write.PurchaseId);
                StorageValues.Set(audit, "version", write.NewVersion);
                StorageValues.Set(audit, "entry", e);
                StorageValues.Set(audit, "at", StorageValues.Text(entry.At));
                StorageValues.Set(audit, "cause", entry.Cause);
                StorageValues.Set(audit, "detail", entry.Detail);
                await audit.ExecuteNonQueryAsync();
            }

            if (write.UsageReported is { } counters)
            {
                StorageValues.Set(usage, "id", write.PurchaseId);
                StorageValues.Set(usage, "version", write.NewVersion);
                StorageValues.Set(usage, "at", StorageValues.Text(write.At));
                StorageValues.Set(usage, "counters", JsonSerializer.Serialize(counters));
                await usage.ExecuteNonQueryAsync();
            }
        }

        await transaction.CommitAsync();
        return applied;
    }
}
