namespace Orleans.Licensing.Frontend.Revocations;

/// <summary>
/// The frontend's copy of the revocation document, kept until the next update the document itself announces, then
/// renewed by one grain call for everybody (single flight) while the old copy is still answered. When the silos
/// cannot be reached the last copy goes on being served (its <c>iat</c> tells verifiers how old it is); without one
/// the failure goes to the caller, which answers 503. After a failed renewal the next waits a while.
/// </summary>
internal sealed partial class RevocationCache(Func<Task<RevocationDocument>> fetch, TimeProvider time, ILogger<RevocationCache> logger)
{
    /// <summary>How long a failed renewal holds back the next, so an outage is not met with a grain call per request.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    private readonly Lock _lock = new();
    private RevocationCopy? _current;
    private TaskCompletionSource<RevocationCopy>? _refreshing;
    private DateTimeOffset _retryAt = DateTimeOffset.MinValue;
    private Exception? _failure;

    public Task<RevocationCopy> Get()
    {
        TaskCompletionSource<RevocationCopy> refresh;
        RevocationCopy? current;
        lock (_lock)
        {
            current = _current;
            var now = time.GetUtcNow();
            if (current is not null && now < current.Document.NextUpdate)
            {
                return Task.FromResult(current);
            }

            if (_refreshing is not null)
            {
                return current is null ? _refreshing.Task : Task.FromResult(current);
            }

            if (now < _retryAt)
            {
                return current is null ? Task.FromException<RevocationCopy>(_failure!) : Task.FromResult(current);
            }

            refresh = _refreshing = new TaskCompletionSource<RevocationCopy>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        _ = Refresh(refresh);
        return current is null ? refresh.Task : Task.FromResult(current);
    }

    private async Task Refresh(TaskCompletionSource<RevocationCopy> refresh)
    {
        try
        {
            var copy = RevocationCopy.Create(await fetch());
            lock (_lock)
            {
                _current = copy;
                _refreshing = null;
            }

            refresh.SetResult(copy);
        }
        catch (Exception e)
        {
            bool stale;
            lock (_lock)
            {
                _failure = e;
                _retryAt = time.GetUtcNow() + RetryDelay;
                _refreshing = null;
                stale = _current is not null;
            }

            LogRefreshFailed(logger, e, stale);
            refresh.SetException(e);
            // Those served the stale copy never look at this task.
            _ = refresh.Task.Exception;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The revocation document could not be renewed from the silos; serving the last copy: {Stale}")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception, bool stale);
}
