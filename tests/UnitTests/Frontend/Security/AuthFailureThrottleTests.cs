using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Orleans.Licensing.Frontend.Security;

namespace Orleans.Licensing.UnitTests;

public sealed class AuthFailureThrottleTests : IDisposable
{
    private static readonly ThrottleKey Client = Key("192.0.2.10", "ka");
    private static readonly ThrottleKey Other = Key("198.51.100.7", "ka");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2016, 3, 12, 15, 0, 0, TimeSpan.Zero));
    private readonly AuthFailureThrottle _throttle;

    public AuthFailureThrottleTests() => _throttle = new(_time, Options.Create(new ThrottleOptions()));

    public void Dispose() => _throttle.Dispose();

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
        Assert.False(_throttle.IsBlocked(Key("203.0.113.1", "ka"), out _));
    }

    [Fact]
    public void Failures_for_one_user_name_do_not_block_another_from_the_same_address()
    {
        Fail(Key("192.0.2.10", null), 10, every: TimeSpan.Zero);
        Fail(Key("192.0.2.10", "operator"), 10, every: TimeSpan.Zero);

        Assert.True(_throttle.IsBlocked(Key("192.0.2.10", null), out _));
        Assert.False(_throttle.IsBlocked(Key("192.0.2.10", "ka"), out _));
        Assert.False(_throttle.IsBlocked(new ThrottleKey("operator", IPAddress.Parse("192.0.2.10"), "ka"), out _));
    }

    [Fact]
    public void IPv6_addresses_of_one_64_share_a_key_and_the_next_64_does_not()
    {
        for (var i = 0; i < 10; i++)
        {
            _throttle.RecordFailure(Key($"2001:db8:1:2:{i:x}::{i + 1:x}", "ka"));
        }

        Assert.True(_throttle.IsBlocked(Key("2001:db8:1:2:ffff:ffff:ffff:ffff", "ka"), out _));
        Assert.False(_throttle.IsBlocked(Key("2001:db8:1:3::1", "ka"), out _));
        Assert.Equal(1, _throttle.Count);
    }

    [Fact]
    public void An_IPv4_client_seen_through_a_dual_stack_socket_is_the_same_client()
    {
        Fail(Key("::ffff:192.0.2.10", "ka"), 10, every: TimeSpan.Zero);

        Assert.True(_throttle.IsBlocked(Client, out _));
    }

    [Fact]
    public void The_limit_and_window_come_from_the_options()
    {
        using var throttle = new AuthFailureThrottle(_time, Options.Create(new ThrottleOptions { MaxFailures = 3, Window = TimeSpan.FromMinutes(5) }));
        for (var i = 0; i < 3; i++)
        {
            throttle.RecordFailure(Client);
        }

        _time.Advance(TimeSpan.FromMinutes(4));
        Assert.True(throttle.IsBlocked(Client, out var retryAfter));
        Assert.Equal(TimeSpan.FromMinutes(1), retryAfter);
    }

    [Fact]
    public void The_table_never_holds_more_than_its_capacity_and_the_stalest_key_goes_first()
    {
        using var throttle = new AuthFailureThrottle(_time, Options.Create(new ThrottleOptions { MaxFailures = 2, Capacity = 100 }));
        var blocked = Key("192.0.2.1", "ka");
        throttle.RecordFailure(blocked);
        for (var i = 0; i < 99; i++)
        {
            throttle.RecordFailure(Key($"10.0.{i / 256}.{i % 256}", "ka"));
        }

        // The first key failed again, so it is now the freshest; the next newcomers push out 10.0.0.0 and 10.0.0.1.
        throttle.RecordFailure(blocked);
        for (var i = 0; i < 500; i++)
        {
            throttle.RecordFailure(Key($"172.16.{i / 256}.{i % 256}", "ka"));
            Assert.True(throttle.Count <= 100, $"{throttle.Count} keys after {i + 1} newcomers");
        }

        Assert.Equal(100, throttle.Count);
        throttle.RecordFailure(Key("172.16.1.243", "ka"));
        Assert.True(throttle.IsBlocked(Key("172.16.1.243", "ka"), out _));
    }

    [Fact]
    public void A_key_that_failed_again_is_not_the_one_evicted()
    {
        using var throttle = new AuthFailureThrottle(_time, Options.Create(new ThrottleOptions { MaxFailures = 2, Capacity = 3 }));
        throttle.RecordFailure(Client);
        throttle.RecordFailure(Key("10.0.0.1", "ka"));
        throttle.RecordFailure(Key("10.0.0.2", "ka"));
        throttle.RecordFailure(Client);

        throttle.RecordFailure(Key("10.0.0.3", "ka"));

        Assert.True(throttle.IsBlocked(Client, out _));
        Assert.Equal(3, throttle.Count);
    }

    [Fact]
    public void Expired_keys_are_dropped_by_the_timer_without_any_request()
    {
        Fail(Client, 3, every: TimeSpan.Zero);
        _time.Advance(TimeSpan.FromSeconds(30));
        Fail(Other, 3, every: TimeSpan.Zero);
        Assert.Equal(2, _throttle.Count);

        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(1, _throttle.Count);

        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(0, _throttle.Count);
    }

    private static ThrottleKey Key(string address, string? user) => ThrottleKey.For("ka", IPAddress.Parse(address), user);

    private void Fail(ThrottleKey key, int times, TimeSpan every)
    {
        for (var i = 0; i < times; i++)
        {
            if (i > 0)
            {
                _time.Advance(every);
            }

            _throttle.RecordFailure(key);
        }
    }
}
