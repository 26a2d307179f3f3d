using Microsoft.Extensions.Options;

namespace Orleans.Licensing.Frontend.Security;

/// <summary>
/// B.2: once a <see cref="ThrottleKey"/> has <see cref="ThrottleOptions.MaxFailures"/> failed attempts within a
/// sliding <see cref="ThrottleOptions.Window"/>, it gets 429 until the oldest of them is a window old.
/// The table holds at most <see cref="ThrottleOptions.Capacity"/> keys: when full, the key whose last failure is
/// oldest goes, and a timer drops keys whose window has passed. Both are O(1) per key, because the keys are
/// kept in the order of their last failure; nothing on the request path scans the table.
/// </summary>
internal sealed class AuthFailureThrottle : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<ThrottleKey, LinkedListNode<FailureWindow>> _windows = [];
    private readonly LinkedList<FailureWindow> _byLastFailure = new();
    private readonly TimeProvider _time;
    private readonly ThrottleOptions _options;
    private readonly ITimer _pruning;

    public AuthFailureThrottle(TimeProvider time, IOptions<ThrottleOptions> options)
    {
        _time = time;
        _options = options.Value;
        _pruning = time.CreateTimer(_ => Prune(), null, _options.PruneInterval, _options.PruneInterval);
    }

    /// <summary>Keys in the table, expired ones the timer has not dropped yet included.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _windows.Count;
            }
        }
    }

    public bool IsBlocked(ThrottleKey key, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            if (!_windows.TryGetValue(key, out var node))
            {
                return false;
            }

            var failures = node.Value.Failures;
            Forget(failures, now);
            if (failures.Count < _options.MaxFailures)
            {
                return false;
            }

            retryAfter = failures.Peek() + _options.Window - now;
            return true;
        }
    }

    public void RecordFailure(ThrottleKey key)
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            if (_windows.TryGetValue(key, out var node))
            {
                _byLastFailure.Remove(node);
            }
            else
            {
                if (_windows.Count >= _options.Capacity)
                {
                    // Forgetting the stalest failures is the least harm a bounded table can do.
                    _windows.Remove(_byLastFailure.First!.Value.Key);
                    _byLastFailure.RemoveFirst();
                }

                node = new LinkedListNode<FailureWindow>(new FailureWindow(key));
                _windows.Add(key, node);
            }

            var window = node.Value;
            Forget(window.Failures, now);
            window.Failures.Enqueue(now);
            window.LastFailure = now;
            // Only the latest MaxFailures matter: the oldest of them decides when the block ends.
            while (window.Failures.Count > _options.MaxFailures)
            {
                window.Failures.Dequeue();
            }

            _byLastFailure.AddLast(node);
        }
    }

    /// <summary>Drops every key whose last failure is a window old; runs on the timer.</summary>
    public void Prune()
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            while (_byLastFailure.First is { } oldest && oldest.Value.LastFailure + _options.Window <= now)
            {
                _windows.Remove(oldest.Value.Key);
                _byLastFailure.RemoveFirst();
            }
        }
    }

    public void Dispose() => _pruning.Dispose();

    private void Forget(Queue<DateTimeOffset> failures, DateTimeOffset now)
    {
        while (failures.Count > 0 && failures.Peek() + _options.Window <= now)
        {
            failures.Dequeue();
        }
    }
}
