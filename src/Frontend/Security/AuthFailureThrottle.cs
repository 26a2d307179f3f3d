using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;

namespace Orleans.Licensing.Frontend.Security;

/// <summary>
/// B.2: once a client address has <see cref="ThrottleOptions.MaxFailures"/> failed attempts within a sliding
/// <see cref="ThrottleOptions.Window"/>, it gets 429 until the oldest of them is a window old.
/// </summary>
internal sealed class AuthFailureThrottle(TimeProvider time, IOptions<ThrottleOptions> options)
{
    private const int PruneAbove = 10_000;
    private readonly ConcurrentDictionary<IPAddress, Queue<DateTimeOffset>> _failures = new();
    private readonly ThrottleOptions _options = options.Value;

    public bool IsBlocked(IPAddress client, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (!_failures.TryGetValue(client, out var failures))
        {
            return false;
        }

        var now = time.GetUtcNow();
        lock (failures)
        {
            Forget(failures, now);
            if (failures.Count < _options.MaxFailures)
            {
                return false;
            }

            retryAfter = failures.Peek() + _options.Window - now;
            return true;
        }
    }

    public void RecordFailure(IPAddress client)
    {
        var now = time.GetUtcNow();
        var failures = _failures.GetOrAdd(client, _ => new Queue<DateTimeOffset>());
        lock (failures)
        {
            Forget(failures, now);
            failures.Enqueue(now);
            // Only the latest MaxFailures matter: the oldest of them decides when the block ends.
            while (failures.Count > _options.MaxFailures)
            {
                failures.Dequeue();
            }
        }

        if (_failures.Count > PruneAbove)
        {
            Prune(now);
        }
    }

    private void Forget(Queue<DateTimeOffset> failures, DateTimeOffset now)
    {
        while (failures.Count > 0 && failures.Peek() + _options.Window <= now)
        {
            failures.Dequeue();
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (client, failures) in _failures)
        {
            lock (failures)
            {
                Forget(failures, now);
                if (failures.Count == 0)
                {
                    _failures.TryRemove(new KeyValuePair<IPAddress, Queue<DateTimeOffset>>(client, failures));
                }
            }
        }
    }
}
