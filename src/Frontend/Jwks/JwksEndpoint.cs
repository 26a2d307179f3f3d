using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Orleans.Licensing.Frontend.Publishing;

namespace Orleans.Licensing.Frontend.Jwks;

/// <summary>B.7's <c>GET /.well-known/jwks.json</c>: anonymous, so answered from the frontend's copy, with validators.</summary>
internal static class JwksEndpoint
{
    public const string Path = "/.well-known/jwks.json";

    public static IServiceCollection AddJwks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JwksOptions>().Bind(configuration.GetSection(JwksOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<JwksOptions>, JwksOptionsValidator>();
        services.AddSingleton(sp =>
        {
            var grains = sp.GetRequiredService<IGrainFactory>();
            return new JwksCache(
                () => grains.GetGrain<IKeySetGrain>(0).GetJwks(),
                sp.GetRequiredService<IOptions<JwksOptions>>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<JwksCache>>());
        });
        return services;
    }

    public static IEndpointRouteBuilder MapJwks(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, Handle);
        return app;
    }

    private static async Task<Results<FileContentHttpResult, StatusCodeHttpResult>> Handle(HttpContext context, JwksCache cache, IOptions<JwksOptions> options)
    {
        var document = await cache.Get();
        return ConditionalGet.Answer(context, document.Utf8, "application/json; charset=utf-8", document.ETag, options.Value.RefreshInterval);
    }
}
