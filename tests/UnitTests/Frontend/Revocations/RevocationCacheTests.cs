using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Orleans.Licensing.Frontend.Revocations;

namespace Orleans.Licensing.UnitTests;

public sealed class RevocationCacheTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(60);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly Queue<TaskCompletionSource<RevocationDocument>> _answers = new();
    private readonly FakeLogger<RevocationCache> _logger = new();
    private int _fetches;

    private RevocationCache Cache() => new(
        () =>
        {
            _fetches++;
            var answer = new TaskCompletionSource<RevocationDocument>(TaskCreationOptions.RunContinuationsAsynchronously);
            _answers.Enqueue(answer);
            return answer.Task;
        },
        _time,
        _logger);

    private RevocationDocument Document(string jws) => new(System.Text.Encoding.ASCII.GetBytes(jws), _time.GetUtcNow(), _time.GetUtcNow() + Interval);

    [Fact]
    public async Task A_copy_answers_until_its_own_next_update_and_is_then_renewed_once_for_everybody()
    {
        var cache = Cache();
        var first = cache.Get();
        _answers.Dequeue().SetResult(Document("one"));
        var old = await first;

        _time.Advance(Interval - TimeSpan.FromSeconds(1));
        Assert.Same(old, await cache.Get());
        Assert.Equal(1, _fetches);

        _time.Advance(TimeSpan.FromSeconds(1));
        var during = await Task.WhenAll(cache.Get(), cache.Get(), cache.Get());
        Assert.All(during, copy => Assert.Same(old, copy));
        Assert.Equal(2, _fetches);
        _answers.Dequeue().SetResult(Document("two"));
        for (var i = 0; i < 200 && (await cache.Get()).Document.Jws[0] != (byte)'t'; i++)
        {
            await Task.Delay(10);
        }

        var renewed = await cache.Get();
        Assert.Equal("two"u8.ToArray(), renewed.Document.Jws);
        Assert.NotEqual(old.ETag, renewed.ETag);
        Assert.Equal(2, _fetches);
    }

    [Fact]
    public async Task Without_any_copy_a_failure_reaches_the_caller_which_answers_503_and_the_next_fetch_waits()
    {
        var cache = Cache();
        var first = cache.Get();
        _answers.Dequeue().SetException(new TimeoutException("silos gone"));

        await Assert.ThrowsAsync<TimeoutException>(() => first);
        await Assert.ThrowsAsync<TimeoutException>(() => cache.Get());
        Assert.Equal(1, _fetches);
        _time.Advance(RevocationCache.RetryDelay);
        var again = cache.Get();
        _answers.Dequeue().SetResult(Document("one"));
        Assert.Equal("one"u8.ToArray(), (await again).Document.Jws);
    }

    [Fact]
    public async Task When_renewal_fails_the_last_copy_is_still_served()
    {
        var cache = Cache();
        var first = cache.Get();
        _answers.Dequeue().SetResult(Document("one"));
        var good = await first;
        _time.Advance(Interval);

        Assert.Same(good, await cache.Get());
        _answers.Dequeue().SetException(new TimeoutException("silos gone"));
        // The failed renewal is recorded before it is logged; before that, the copy is served as stale anyway.
        for (var i = 0; i < 200 && _logger.Collector.Count == 0; i++)
        {
            await Task.Delay(10);
        }

        Assert.Equal(1, _logger.Collector.Count);
        Assert.Same(good, await cache.Get());
        Assert.Equal(2, _fetches);
    }
}
