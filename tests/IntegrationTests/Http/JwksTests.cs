using System.Net;
using System.Net.Http.Headers;

namespace Orleans.Licensing.IntegrationTests.Http;

/// <summary>
/// The JWKS is anonymous, so it must be cheap: the frontend keeps its copy, validators get an ETag and a
/// max-age, and a flood of requests never reaches the silos.
/// </summary>
public sealed class JwksTests(JwksFrontend frontend) : IClassFixture<JwksFrontend>
{
    private const string Path = "/.well-known/jwks.json";

    [Fact]
    public async Task A_flood_of_anonymous_jwks_requests_reaches_the_silos_at_most_once()
    {
        using var http = new HttpClient { BaseAddress = frontend.BaseAddress };
        var before = frontend.Counter.Calls;

        var bodies = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => http.GetStringAsync(new Uri(Path, UriKind.Relative))));

        Assert.Single(bodies.Distinct(StringComparer.Ordinal));
        Assert.Contains("\"keys\"", bodies[0], StringComparison.Ordinal);
        Assert.True(frontend.Counter.Calls - before <= 1, $"{frontend.Counter.Calls - before} calls reached the key-set grain");
    }

    [Fact]
    public async Task The_jwks_has_a_strong_etag_and_a_public_max_age_and_a_matching_if_none_match_gets_304()
    {
        using var http = new HttpClient { BaseAddress = frontend.BaseAddress };

        using var first = await http.GetAsync(new Uri(Path, UriKind.Relative));
        var etag = first.Headers.ETag;
        using var conditional = new HttpRequestMessage(HttpMethod.Get, Path);
        conditional.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"something-else\""));
        conditional.Headers.IfNoneMatch.Add(etag!);
        using var notModified = await http.SendAsync(conditional);
        using var stale = new HttpRequestMessage(HttpMethod.Get, Path);
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"an-older-copy\""));
        using var changed = await http.SendAsync(stale);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotNull(etag);
        Assert.False(etag.IsWeak);
        Assert.True(first.Headers.CacheControl is { Public: true, MaxAge.TotalSeconds: > 0 }, $"Cache-Control: {first.Headers.CacheControl}");
        Assert.Equal("application/json", first.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, notModified.Headers.ETag);
        Assert.NotNull(notModified.Headers.CacheControl?.MaxAge);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await changed.Content.ReadAsStringAsync());
    }

    /// <summary>RFC 9110 13.1.2: If-None-Match compares weakly, and <c>*</c> matches any current copy.</summary>
    [Fact]
    public async Task If_none_match_compares_weakly_and_a_star_matches_the_current_copy()
    {
        using var http = new HttpClient { BaseAddress = frontend.BaseAddress };
        using var first = await http.GetAsync(new Uri(Path, UriKind.Relative));
        var etag = first.Headers.ETag!;

        using var weak = new HttpRequestMessage(HttpMethod.Get, Path);
        weak.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(etag.Tag, isWeak: true));
        using var weakAnswer = await http.SendAsync(weak);
        using var star = new HttpRequestMessage(HttpMethod.Get, Path);
        star.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Any);
        using var starAnswer = await http.SendAsync(star);

        Assert.Equal(HttpStatusCode.NotModified, weakAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, starAnswer.StatusCode);
    }
}
