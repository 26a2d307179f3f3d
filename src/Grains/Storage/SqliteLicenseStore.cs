using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

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
        await using var issuance = Command(connection, $"""
            INSERT INTO LicenseIssuances (ServiceId, PurchaseId, {IssuanceColumns})
            VALUES (@service, @id, @revision, @cause, @product, @test, @reg, @activation, @subscription, @start, @expiry, @expiresAt, @issuedAt, @key, @body)
            """, transaction);
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
            var state = write.State;
            var current = state.Current;
            var row = write.ExpectedVersion == 0 ? insert : update;
            Set(row, "id", write.PurchaseId);
            Set(row, "product", current.ProductId);
            Set(row, "test", current.TestMode ? 1 : 0);
            Set(row, "start", Text(current.StartDate));
            Set(row, "expiry", Text(current.ExpiryDate));
            Set(row, "terminated", state.TerminatedOn is { } terminated ? Text(terminated) : null);
            Set(row, "revision", current.Revision);
            Set(row, "state", Codec.Encode(state));
            Set(row, "at", Text(write.At));
            if (row == update)
            {
                Set(row, "expected", write.ExpectedVersion);
            }

            if (await row.ExecuteNonQueryAsync() != 1)
            {
                continue;
            }

            applied[w] = true;
            foreach (var issued in write.Issued)
            {
                Set(issuance, "id", write.PurchaseId);
                Set(issuance, "revision", issued.Revision);
                Set(issuance, "cause", issued.Cause.ToString());
                Set(issuance, "product", issued.ProductId);
                Set(issuance, "test", issued.TestMode ? 1 : 0);
                Set(issuance, "reg", issued.RegName);
                Set(issuance, "activation", issued.ActivationData);
                Set(issuance, "subscription", issued.SubscriptionDate is { } subscription ? Text(subscription) : null);
                Set(issuance, "start", Text(issued.StartDate));
                Set(issuance, "expiry", Text(issued.ExpiryDate));
                Set(issuance, "expiresAt", Text(issued.ExpiresAt));
                Set(issuance, "issuedAt", Text(issued.IssuedAt));
                Set(issuance, "key", issued.KeyId);
                Set(issuance, "body", issued.Body);
                await issuance.ExecuteNonQueryAsync();
            }

            for (var e = 0; e < write.Audit.Count; e++)
            {
                var entry = write.Audit[e];
                Set(audit, "id", write.PurchaseId);
                Set(audit, "version", write.NewVersion);
                Set(audit, "entry", e);
                Set(audit, "at", Text(entry.At));
                Set(audit, "cause", entry.Cause);
                Set(audit, "detail", entry.Detail);
                await audit.ExecuteNonQueryAsync();
            }

            if (write.UsageReported is { } counters)
            {
                Set(usage, "id", write.PurchaseId);
                Set(usage, "version", write.NewVersion);
                Set(usage, "at", Text(write.At));
                Set(usage, "counters", JsonSerializer.Serialize(counters));
                await usage.ExecuteNonQueryAsync();
            }
        }

        await transaction.CommitAsync();
        return applied;
    }

    private static void Set(DbCommand command, string name, object? value)
    {
        if (command.Parameters.Contains(name))
        {
            command.Parameters[name].Value = value ?? DBNull.Value;
        }
        else
        {
            Add(command, name, value);
        }
    }
}
