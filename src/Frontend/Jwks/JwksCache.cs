using Microsoft.Extensions.Options;

namespace Orleans.Licensing.Frontend.Jwks;

/// <summary>
/// The frontend's copy of the JWKS. A fresh copy answers without a grain call; a stale one is still answered
/// while one refresh runs for everybody (single flight), so the anonymous endpoint never waits on the silos
/// once it has a copy, and a flood of requests costs at most one grain call per refresh interval. When the
/// silos cannot be reached the last good copy is served (decisions.md, "The JWKS is cached in the frontend");
/// without one the failure goes to the caller, which answers 503. After a failed refresh the next waits a while.
/// </summary>
internal sealed partial class JwksCache(Func<Task<string>> fetch, IOptions<JwksOptions> options, TimeProvider time, ILogger<JwksCache> logger)
{
    /// <summary>How long a failed refresh holds back the next, so an outage is not met with a grain call per request.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    private readonly Lock _lock = new();
    private JwksDocument? _current;
    private TaskCompletionSource<JwksDocument>? _refreshing;
    private DateTimeOffset _retryAt = DateTimeOffset.MinValue;
    private Exception? _failure;

    public Task<JwksDocument> Get()
    {
        TaskCompletionSource<JwksDocument> refresh;
        JwksDocument? current;
        lock (_lock)
        {
            current = _current;
            var now = time.GetUtcNow();
            if (current is not null && now - current.FetchedAt < options.Value.RefreshInterval)
            {
                return Task.FromResult(current);
            }

            if (_refreshing is not null)
            {
                return current is null ? _refreshing.Task : Task.FromResult(current);
            }

            if (now < _retryAt)
            {
                return current is null ? Task.FromException<JwksDocument>(_failure!) : Task.FromResult(current);
            }

            refresh = _refreshing = new TaskCompletionSource<JwksDocument>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        _ = Refresh(refresh);
        return current is null ? refresh.Task : Task.FromResult(current);
    }

    private async Task Refresh(TaskCompletionSource<JwksDocument> refresh)
    {
        try
        {
            var document = JwksDocument.Create(await fetch(), time.GetUtcNow());
            lock (_lock)
            {
                _current = document;
                _refreshing = null;
            }

            refresh.SetResult(document);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "The JWKS could not be refreshed from the silos; serving the last good copy: {Stale}")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception, bool stale);
}
