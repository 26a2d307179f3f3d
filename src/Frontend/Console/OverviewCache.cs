namespace Orleans.Licensing.Frontend.Console;

/// <summary>
/// The overview counts every license: with a million stored, its statements read a million index entries and take
/// seconds, however they are indexed. So each frontend keeps the last one it read for <see cref="Fresh"/>; after that,
/// the next request starts one read (never several at once) and waits for it at most <see cref="Patience"/> before
/// it shows the previous figures, with their time, while the read goes on. The first read starts with the frontend
/// (<see cref="Warm"/>), so only a request in the seconds after a start waits for it; a read that fails (an outage)
/// fails the request that waited for it, which answers 503.
/// </summary>
internal sealed partial class OverviewCache(IGrainFactory grains, TimeProvider time, ILogger<OverviewCache> logger)
{
    public static readonly TimeSpan Fresh = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan Patience = TimeSpan.FromMilliseconds(200);

    private readonly Lock _lock = new();
    private OverviewSnapshot? _last;
    private Task<OverviewSnapshot>? _reading;

    /// <summary>Starts the first read without a request; a failure is logged, and the next request reads again.</summary>
    public void Warm() => _ = Get(CancellationToken.None).ContinueWith(static read => _ = read.Exception, TaskContinuationOptions.OnlyOnFaulted);

    public async Task<OverviewSnapshot> Get(CancellationToken cancellation)
    {
        Task<OverviewSnapshot> reading;
        OverviewSnapshot? previous;
        lock (_lock)
        {
            if (_last is { } last && time.GetUtcNow() - last.ReadAt < Fresh)
            {
                return last;
            }

            // Started outside the caller's context, so a read that fails at once still leaves through its finally.
            reading = _reading ??= Task.Run(Read, CancellationToken.None);
            previous = _last;
        }

        if (previous is null)
        {
            return await reading.WaitAsync(cancellation);
        }

        var first = await Task.WhenAny(reading, Task.Delay(Patience, time, cancellation));
        return first == reading ? await reading : previous;
    }

    private async Task<OverviewSnapshot> Read()
    {
        try
        {
            var snapshot = new OverviewSnapshot(await grains.GetGrain<IReportingGrain>(0).Overview(), time.GetUtcNow());
            lock (_lock)
            {
                _last = snapshot;
            }

            return snapshot;
        }
        catch (Exception e)
        {
            LogReadFailed(logger, e);
            throw;
        }
        finally
        {
            lock (_lock)
            {
                _reading = null;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The console's overview could not be read")]
    private static partial void LogReadFailed(ILogger logger, Exception exception);
}
