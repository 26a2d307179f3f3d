using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Orleans.Licensing.Frontend.Security;

namespace Orleans.Licensing.UnitTests;

public sealed class AuthFailureThrottleTests
{
    private static readonly IPAddress Client = IPAddress.Parse("192.0.2.10");
    private static readonly IPAddress Other = IPAddress.Parse("198.51.100.7");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2016, 3, 12, 15, 0, 0, TimeSpan.Zero));
    private readonly AuthFailureThrottle _throttle;

    public AuthFailureThrottleTests() => _throttle = new(_time, Options.Create(new ThrottleOptions()));

    [Fact]
    public void A_client_without_failures_is_not_blocked()
    {
        Assert.False(_throttle.IsBlocked(Client, out var retryAfter));
        Assert.Equal(TimeSpan.Zero, retryAfter);
    }

    [Fact]
    public void Nine_failures_within_a_minute_do_not_block()
    {
        Fail(Client, 9, every: TimeSpan.FromSeconds(5));

        Assert.False(_throttle.IsBlocked(Client, out _));
    }

    [Fact]
    public void The_tenth_failure_within_a_minute_blocks_until_the_minute_is_over()
    {
        Fail(Client, 10, every: TimeSpan.FromSeconds(3));

        Assert.True(_throttle.IsBlocked(Client, out var retryAfter));
        Assert.True(retryAfter > TimeSpan.Zero);
        Assert.True(retryAfter <= TimeSpan.FromSeconds(60), retryAfter.ToString());
        // The window opened at the first failure, 27 s ago.
        Assert.Equal(TimeSpan.FromSeconds(33), retryAfter);
    }

    [Fact]
    public void A_blocked_client_is_unblocked_once_the_window_has_passed()
    {
        Fail(Client, 10, every: TimeSpan.Zero);
        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.True(_throttle.IsBlocked(Client, out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(1), retryAfter);

        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.False(_throttle.IsBlocked(Client, out _));
    }

    [Fact]
    public void After_the_window_the_count_starts_again()
    {
        Fail(Client, 10, every: TimeSpan.Zero);
        _time.Advance(TimeSpan.FromSeconds(61));

        Fail(Client, 9, every: TimeSpan.Zero);
        Assert.False(_throttle.IsBlocked(Client, out _));

        Fail(Client, 1, every: TimeSpan.Zero);
        Assert.True(_throttle.IsBlocked(Client, out _));
    }

    [Fact]
    public void Other_addresses_are_unaffected()
    {
        Fail(Client, 10, every: TimeSpan.Zero);
        Fail(Other, 9, every: TimeSpan.Zero);

        Assert.True(_throttle.IsBlocked(Client, out _));
        Assert.False(_throttle.IsBlocked(Other, out _));
        Assert.False(_throttle.IsBlocked(IPAddress.Parse("203.0.113.1"), out _));
    }

    [Fact]
    public void The_limit_and_window_come_from_the_options()
    {
        var throttle = new AuthFailureThrottle(_time, Options.Create(new ThrottleOptions { MaxFailures = 3, Window = TimeSpan.FromMinutes(5) }));
        for (var i = 0; i < 3; i++)
        {
            throttle.RecordFailure(Client);
        }

        _time.Advance(TimeSpan.FromMinutes(4));
        Assert.True(throttle.IsBlocked(Client, out var retryAfter));
        Assert.Equal(TimeSpan.FromMinutes(1), retryAfter);
    }

    private void Fail(IPAddress client, int times, TimeSpan every)
    {
        for (var i = 0; i < times; i++)
        {
            if (i > 0)
            {
                _time.Advance(every);
            }

            _throttle.RecordFailure(client);
        }
    }
}
