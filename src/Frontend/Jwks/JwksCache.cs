using Microsoft.Extensions.Options;
using Orleans.Licensing.Frontend.Publishing;

namespace Orleans.Licensing.Frontend.Jwks;

/// <summary>
/// The frontend's copy of the JWKS, fresh for <see cref="JwksOptions.RefreshInterval"/>; how a copy is kept, shared
/// and served through an outage is <see cref="LastGoodCopy{T}"/> (decisions.md, "The JWKS is cached in the frontend").
/// </summary>
internal sealed class JwksCache(Func<Task<string>> fetch, IOptions<JwksOptions> options, TimeProvider time, ILogger<JwksCache> logger)
{
    public static TimeSpan RetryDelay => LastGoodCopy<JwksDocument>.RetryDelay;

    private readonly LastGoodCopy<JwksDocument> _copy = new(
        async () => JwksDocument.Create(await fetch(), time.GetUtcNow()),
        (document, now) => now - document.FetchedAt < options.Value.RefreshInterval,
        "The JWKS",
        time,
        logger);

    public Task<JwksDocument> Get() => _copy.Get();
}
