using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Licensing.Frontend.Publishing;

namespace Orleans.Licensing.Frontend.Revocations;

/// <summary>
/// B.13's <c>GET /.well-known/revocations.jws</c>: anonymous, answered from the frontend's copy, cacheable until the
/// document's next update. An outage with no copy to serve becomes 503 with <c>Retry-After</c> (OutageMiddleware).
/// </summary>
internal static class RevocationEndpoint
{
    public const string Path = "/.well-known/revocations.jws";

    public const string ContentType = "application/jose";

    /// <summary>Maps the endpoint with a cache of its own: it needs nothing registered beyond what the host already has.</summary>
    public static WebApplication MapRevocations(this WebApplication app)
    {
        var grains = app.Services.GetRequiredService<IGrainFactory>();
        var time = app.Services.GetRequiredService<TimeProvider>();
        var cache = new RevocationCache(
            () => grains.GetGrain<IRevocationGrain>(0).GetDocument(),
            time,
            app.Services.GetRequiredService<ILogger<RevocationCache>>());
        Func<HttpContext, Task<Results<FileContentHttpResult, StatusCodeHttpResult>>> handler = context => Handle(context, cache, time);
        app.MapGet(Path, handler);
        return app;
    }

    private static async Task<Results<FileContentHttpResult, StatusCodeHttpResult>> Handle(HttpContext context, RevocationCache cache, TimeProvider time)
    {
        var copy = await cache.Get();
        context.Response.GetTypedHeaders().LastModified = copy.Document.IssuedAt;
        // Clients keep it exactly as long as the frontend does; a copy served after its next update is not kept at all.
        var left = copy.Document.NextUpdate - time.GetUtcNow();
        var maxAge = left > TimeSpan.Zero ? TimeSpan.FromSeconds(Math.Ceiling(left.TotalSeconds)) : TimeSpan.Zero;
        return ConditionalGet.Answer(context, copy.Document.Jws, ContentType, copy.ETag, maxAge);
    }
}
