using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Orleans.Licensing.Licenses;

namespace Orleans.Licensing.Storage;

/// <summary>
/// The license store's shared half: group commit, and the reads, which are the same SQL on both databases.
/// Writes of different licenses that arrive while a transaction is under way wait in one queue and go to the
/// database together in the next: one transaction, one round trip (PostgreSQL) or one fsync (SQLite) for the
/// batch. Each write's task completes only after the transaction holding it committed; a license whose row moved
/// on fails alone; a transaction that fails fails every write in it, and none of them changed anything.
/// </summary>
public abstract partial class LicenseStore : ILicenseStore, IAsyncDisposable
{
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>();
    private readonly Lazy<Task[]> _committers;
    private readonly ILogger _logger;
    private long _transactions;

    protected LicenseStore(string serviceId, LicenseStateCodec codec, ILogger logger, int committers, int maxBatch)
    {
        ServiceId = serviceId;
        Codec = codec;
        _logger = logger;
        MaxBatch = maxBatch;
        // Started on the first write, once the derived store is fully built.
        _committers = new(() => [.. Enumerable.Range(0, committers).Select(_ => Task.Run(CommitLoop))]);
    }

    public string ServiceId { get; }

    public int MaxBatch { get; }

    /// <summary>Transactions committed so far: with concurrent writers, fewer than the writes they hold.</summary>
    public long Transactions => Interlocked.Read(ref _transactions);

    protected LicenseStateCodec Codec { get; }

    public Task<int> Commit(LicenseWrite write)
    {
        ArgumentOutOfRangeException.ThrowIfZero(write.Audit.Count, nameof(write));
        _ = _committers.Value;
        var pending = new PendingWrite(write);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new LicenseStorageException($"license {write.PurchaseId} could not be stored: the store is shutting down");
        }

        return pending.Task;
    }

    /// <summary>
    /// Writes the batch in one transaction; returns, per write, whether it applied (false: the license's row is no
    /// longer at the expected version, or exists already for a first write). Throws when the transaction failed.
    /// </summary>
    protected internal abstract Task<bool[]> WriteBatch(IReadOnlyList<LicenseWrite> writes);

    protected abstract Task<DbConnection> Open();

    public async Task<StoredLicense> Read(string purchaseId)
    {
        try
        {
            await using var connection = await Open();
            await using var command = Command(connection, "SELECT Version, State FROM Licenses WHERE ServiceId = @service AND PurchaseId = @id");
            StorageValues.Set(command, "id", purchaseId);
            await using var reader = await command.ExecuteReaderAsync();
            return await reader.ReadAsync()
                ? new StoredLicense(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture), Codec.Decode((byte[])reader.GetValue(1)))
                : StoredLicense.None;
        }
        catch (Exception e) when (e is not LicenseStorageException)
        {
            throw Unavailable($"license {purchaseId} could not be read", e);
        }
    }

    public async Task<Issuance?> FindIssuance(string purchaseId, IssuanceCause cause, string productId, DateOnly startDate, DateOnly expiryDate)
    {
        try
        {
            await using var connection = await Open();
            await using var command = Command(connection, $"""
                SELECT {IssuanceColumns} FROM LicenseIssuances
                WHERE ServiceId = @service AND PurchaseId = @id AND Cause = @cause AND ProductId = @product
                  AND StartDate = @start AND ExpiryDate = @expiry
                ORDER BY Revision DESC LIMIT 1
                """);
            StorageValues.Set(command, "id", purchaseId);
            StorageValues.Set(command, "cause", cause.ToString());
            StorageValues.Set(command, "product", productId);
            StorageValues.Set(command, "start", StorageValues.Text(startDate));
            StorageValues.Set(command, "expiry", StorageValues.Text(expiryDate));
            await using var reader = await command.ExecuteReaderAsync();
            return await reader.ReadAsync() ? ReadIssuance(reader) : null;
        }
        catch (Exception e) when (e is not LicenseStorageException)
        {
            throw Unavailable($"the history of license {purchaseId} could not be read", e);
        }
    }

    public async Task<LicenseHistory> History(string purchaseId)
    {
        try
        {
            await using var connection = await Open();
            var issuances = new List<IssuanceSummary>();
            await using (var command = Command(connection, $"SELECT {IssuanceColumns} FROM LicenseIssuances WHERE ServiceId = @service AND PurchaseId = @id ORDER BY Revision"))
            {
                StorageValues.Set(command, "id", purchaseId);
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    var i = ReadIssuance(reader);
                    issuances.Add(new IssuanceSummary(
                        i.Revision, i.Cause.ToString(), i.ProductId, i.StartDate, i.ExpiryDate, i.ExpiresAt, i.IssuedAt, i.KeyId,
                        Convert.ToHexStringLower(SHA256.HashData(i.Body))));
                }
            }

            var audit = new List<AuditEntry>();
            await using (var command = Command(connection, "SELECT At, Cause, Detail FROM LicenseAudit WHERE ServiceId = @service AND PurchaseId = @id ORDER BY Version, Entry"))
            {
                StorageValues.Set(command, "id", purchaseId);
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    audit.Add(new AuditEntry(StorageValues.Instant(reader.GetString(0)), reader.GetString(1), reader.GetString(2)));
                }
            }

            return new LicenseHistory(issuances, audit);
        }
        catch (Exception e) when (e is not LicenseStorageException)
        {
            throw Unavailable($"the history of license {purchaseId} could not be read", e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_committers.IsValueCreated)
        {
            await Task.WhenAll(_committers.Value);
        }

        await DisposeCore();
        GC.SuppressFinalize(this);
    }

    protected virtual ValueTask DisposeCore() => ValueTask.CompletedTask;

    protected const string IssuanceColumns =
        "Revision, Cause, ProductId, TestMode, RegName, ActivationData, SubscriptionDate, StartDate, ExpiryDate, ExpiresAt, IssuedAt, KeyId, Body";

    protected DbCommand Command(DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        StorageValues.Set(command, "service", ServiceId);
        return command;
    }

    private static Issuance ReadIssuance(DbDataReader reader) => new(
        Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture),
        Enum.Parse<IssuanceCause>(reader.GetString(1)),
        reader.GetString(2),
        Convert.ToInt64(reader.GetValue(3), CultureInfo.InvariantCulture) != 0,
        reader.IsDBNull(4) ? null : reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        reader.IsDBNull(6) ? null : StorageValues.Day(reader.GetString(6)),
        StorageValues.Day(reader.GetString(7)),
        StorageValues.Day(reader.GetString(8)),
        StorageValues.Instant(reader.GetString(9)),
        StorageValues.Instant(reader.GetString(10)),
        reader.GetString(11),
        (byte[])reader.GetValue(12));

    private static LicenseStorageException Unavailable(string what, Exception cause) =>
        new($"{what} ({cause.GetType().Name}: {cause.Message})");

    private async Task CommitLoop()
    {
        var reader = _queue.Reader;
        var batch = new List<PendingWrite>(MaxBatch);
        var licenses = new HashSet<string>(StringComparer.Ordinal);
        PendingWrite? carried = null;
        while (carried is not null || await reader.WaitToReadAsync())
        {
            batch.Clear();
            licenses.Clear();
            if (carried is not null)
            {
                batch.Add(carried);
                licenses.Add(carried.Write.PurchaseId);
                carried = null;
            }

            while (batch.Count < MaxBatch && reader.TryRead(out var next))
            {
                // One write per license per transaction: a second one waits for the next, so the version it
                // expects is the one the first left.
                if (!licenses.Add(next.Write.PurchaseId))
                {
                    carried = next;
                    break;
                }

                batch.Add(next);
            }

            if (batch.Count > 0)
            {
                await CommitBatch(batch);
            }
        }
    }

    private async Task CommitBatch(List<PendingWrite> batch)
    {
        bool[] applied;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            applied = await WriteBatch([.. batch.Select(p => p.Write)]);
            LicensingTelemetry.StorageCommitDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
        catch (Exception e)
        {
            LogBatchFailed(e, batch.Count);
            foreach (var pending in batch)
            {
                pending.Fail(Unavailable($"license {pending.Write.PurchaseId} could not be stored", e));
            }

            return;
        }

        Interlocked.Increment(ref _transactions);
        LicensingTelemetry.StorageCommitBatchSize.Record(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            var write = batch[i].Write;
            if (applied[i])
            {
                batch[i].Complete(write.NewVersion);
            }
            else
            {
                batch[i].Fail(new LicenseStorageException(string.Create(CultureInfo.InvariantCulture,
                    $"license {write.PurchaseId} was changed elsewhere: its row is no longer at version {write.ExpectedVersion}")));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A storage transaction of {Count} license writes failed; none of them was answered 200")]
    private partial void LogBatchFailed(Exception exception, int count);

    private sealed class PendingWrite(LicenseWrite write)
    {
        // Grains must not continue on the committer's thread.
        private readonly TaskCompletionSource<int> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LicenseWrite Write { get; } = write;

        public Task<int> Task => _done.Task;

        public void Complete(int version) => _done.TrySetResult(version);

        public void Fail(Exception e) => _done.TrySetException(e);
    }
}
