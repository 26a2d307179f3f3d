using System.Text;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Orleans.Licensing.Frontend.Jwks;

namespace Orleans.Licensing.UnitTests;

public sealed class JwksCacheTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly Queue<TaskCompletionSource<string>> _answers = new();
    private readonly FakeLogger<JwksCache> _logger = new();
    private int _fetches;

    private JwksCache Cache() => new(
        () =>
        {
            _fetches++;
            var answer = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            _answers.Enqueue(answer);
            return answer.Task;
        },
        Options.Create(new JwksOptions { RefreshInterval = Interval }),
        _time,
        _logger);

    [Fact]
    public async Task Concurrent_first_requests_share_one_fetch()
    {
        var cache = Cache();

        var waiting = Enumerable.Range(0, 50).Select(_ => cache.Get()).ToArray();
        _answers.Dequeue().SetResult("""{"keys":[]}""");
        var documents = await Task.WhenAll(waiting);

        Assert.Equal(1, _fetches);
        Assert.All(documents, d => Assert.Same(documents[0], d));
    }

    [Fact]
    public async Task A_fresh_copy_answers_without_a_fetch_and_a_stale_one_is_served_while_one_refresh_runs()
    {
        var cache = Cache();
        var first = cache.Get();
        _answers.Dequeue().SetResult("one");
        var old = await first;

        _time.Advance(Interval - TimeSpan.FromSeconds(1));
        Assert.Same(old, await cache.Get());
        Assert.Equal(1, _fetches);

        _time.Advance(TimeSpan.FromSeconds(1));
        var during = await Task.WhenAll(cache.Get(), cache.Get(), cache.Get());
        Assert.Equal(2, _fetches);
        Assert.All(during, d => Assert.Same(old, d));
        _answers.Dequeue().SetResult("two");
        await WaitUntil(async () => Encoding.UTF8.GetString((await cache.Get()).Utf8) == "two");

        var renewed = await cache.Get();
        Assert.Equal(2, _fetches);
        Assert.NotEqual(old.ETag, renewed.ETag);
        Assert.False(renewed.ETag.IsWeak);
    }

    [Fact]
    public async Task When_a_refresh_fails_the_last_good_copy_is_served_and_the_next_refresh_waits()
    {
        var cache = Cache();
        var first = cache.Get();
        _answers.Dequeue().SetResult("one");
        var good = await first;
        _time.Advance(Interval);

        Assert.Same(good, await cache.Get());
        _answers.Dequeue().SetException(new TimeoutException("silos gone"));
        // The failed refresh is recorded before it is logged.
        await WaitUntil(() => Task.FromResult(_logger.Collector.Count == 1));

        Assert.Same(good, await cache.Get());
        Assert.Equal(2, _fetches);
        _time.Advance(JwksCache.RetryDelay);
        Assert.Same(good, await cache.Get());
        Assert.Equal(3, _fetches);
    }

    [Fact]
    public async Task Without_any_copy_a_failure_reaches_the_caller_and_the_next_fetch_waits()
    {
        var cache = Cache();
        var first = cache.Get();
        _answers.Dequeue().SetException(new TimeoutException("silos gone"));

        await Assert.ThrowsAsync<TimeoutException>(() => first);
        await Assert.ThrowsAsync<TimeoutException>(() => cache.Get());
        Assert.Equal(1, _fetches);
        _time.Advance(JwksCache.RetryDelay);
        var again = cache.Get();
        _answers.Dequeue().SetResult("one");
        Assert.Equal("one", Encoding.UTF8.GetString((await again).Utf8));
        Assert.Equal(2, _fetches);
    }

    [Fact]
    public void The_etag_is_strong_and_follows_the_exact_bytes()
    {
        var at = DateTimeOffset.UnixEpoch;

        Assert.Equal(JwksDocument.Create("a", at).ETag, JwksDocument.Create("a", at.AddDays(1)).ETag);
        Assert.NotEqual(JwksDocument.Create("a", at).ETag, JwksDocument.Create("a ", at).ETag);
        Assert.False(JwksDocument.Create("a", at).ETag.IsWeak);
    }

    private static async Task WaitUntil(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 200 && !await condition(); i++)
        {
            await Task.Delay(10);
        }
    }
}
