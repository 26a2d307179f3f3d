using Orleans.Storage;

namespace Orleans.Licensing.Storage;

/// <summary>
/// SQLite takes one writer at a time, and Microsoft.Data.Sqlite waits for the lock by sleeping on the calling
/// thread: dozens of grains writing at once each block a thread-pool thread (Orleans' "took elapsed time …
/// longer than 00:00:01" warnings) and the last in line waits longest. Queueing the writes here, asynchronously,
/// hands the lock over in order with one thread busy at a time. Reads need no turn: WAL lets them run beside a write.
/// </summary>
internal sealed class SqliteWriteGate(IGrainStorage inner) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        InTurn(() => inner.WriteStateAsync(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        InTurn(() => inner.ClearStateAsync(stateName, grainId, grainState));

    /// <summary>The provider reads its queries when the silo starts: it still must.</summary>
    public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);

    public void Dispose() => _turn.Dispose();

    private async Task InTurn(Func<Task> write)
    {
        await _turn.WaitAsync();
        try
        {
            await write();
        }
        finally
        {
            _turn.Release();
        }
    }
}
