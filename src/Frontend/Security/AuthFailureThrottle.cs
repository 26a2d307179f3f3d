using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;

namespace Orleans.Licensing.Frontend.Security;

/// <summary>
/// B.2: a client address with <see cref="ThrottleOptions.MaxFailures"/> failed attempts within a window that
/// opened at its first failure gets 429 until that window is over.
/// </summary>
internal sealed class AuthFailureThrottle(TimeProvider time, IOptions<ThrottleOptions> options)
{
    private const int PruneAbove = 10_000;
    private readonly ConcurrentDictionary<IPAddress, Window> _windows = new();
    private readonly ThrottleOptions _options = options.Value;

    public bool IsBlocked(IPAddress client, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (!_windows.TryGetValue(client, out var window))
        {
            return false;
        }

        var remaining = window.Start + _options.Window - time.GetUtcNow();
        if (remaining <= TimeSpan.Zero)
        {
            _windows.TryRemove(new KeyValuePair<IPAddress, Window>(client, window));
            return false;
        }

        retryAfter = remaining;
        return window.Failures >= _options.MaxFailures;
    }

    public void RecordFailure(IPAddress client)
    {
        var now = time.GetUtcNow();
        _windows.AddOrUpdate(
            client,
            _ => new Window(now, 1),
            (_, window) => window.Start + _options.Window <= now ? new Window(now, 1) : window with { Failures = window.Failures + 1 });
        if (_windows.Count > PruneAbove)
        {
            Prune(now);
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (client, window) in _windows)
        {
            if (window.Start + _options.Window <= now)
            {
                _windows.TryRemove(new KeyValuePair<IPAddress, Window>(client, window));
            }
        }
    }

    private sealed record Window(DateTimeOffset Start, int Failures);
}
