namespace Orleans.Licensing.Frontend.Publishing;

/// <summary>
/// A frontend's copy of a document the silos publish for anonymous readers (the JWKS, the revocation document).
/// A fresh copy answers without a grain call; a stale one is still answered while one refresh runs for everybody
/// (single flight), so the endpoint never waits on the silos once it has a copy, and a flood of requests costs at
/// most one grain call per refresh. When the silos cannot be reached the last good copy is served; without one the
/// failure goes to the caller, which answers 503. After a failed refresh the next waits <see cref="RetryDelay"/>.
/// </summary>
/// <param name="isFresh">Whether a copy may still be answered without a refresh, at the given time.</param>
/// <param name="name">The document, as the log names it.</param>
internal sealed partial class LastGoodCopy<T>(
    Func<Task<T>> fetch, Func<T, DateTimeOffset, bool> isFresh, string name, TimeProvider time, ILogger logger)
    where T : class
{
    /// <summary>How long a failed refresh holds back the next, so an outage is not met with a grain call per request.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    private readonly Lock _lock = new();
    private T? _current;
    private TaskCompletionSource<T>? _refreshing;
    private DateTimeOffset _retryAt = DateTimeOffset.MinValue;
    private Exception? _failure;

    public Task<T> Get()
    {
        TaskCompletionSource<T> refresh;
        T? current;
        lock (_lock)
        {
            current = _current;
            var now = time.GetUtcNow();
            if (current is not null && isFresh(current, now))
            {
                return Task.FromResult(current);
            }

            if (_refreshing is not null)
            {
                return current is null ? _refreshing.Task : Task.FromResult(current);
            }

            if (now < _retryAt)
            {
                return current is null ? Task.FromException<T>(_failure!) : Task.FromResult(current);
            }

            refresh = _refreshing = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        _ = Refresh(refresh);
        return current is null ? refresh.Task : Task.FromResult(current);
    }

    private async Task Refresh(TaskCompletionSource<T> refresh)
    {
        try
        {
            var copy = await fetch();
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

            LogRefreshFailed(logger, e, name, stale);
            refresh.SetException(e);
            // Those served the stale copy never look at this task.
            _ = refresh.Task.Exception;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Document} could not be refreshed from the silos; serving the last good copy: {Stale}")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception, string document, bool stale);
}
