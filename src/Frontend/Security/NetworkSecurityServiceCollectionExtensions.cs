using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Orleans.Licensing.Frontend.Security;

internal static class NetworkSecurityServiceCollectionExtensions
{
    /// <summary>
    /// The client address (forwarded headers from <c>Licensing:Network:TrustedProxies</c> only) and the login
    /// throttle (<c>Licensing:AuthThrottle</c>), both validated at start.
    /// </summary>
    public static IServiceCollection AddNetworkSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NetworkOptions>().Bind(configuration.GetSection(NetworkOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<NetworkOptions>, NetworkOptionsValidator>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<NetworkOptions>>((forwarded, network) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The defaults trust loopback; only the configured proxies are trusted, and through a chain of them
            // the client is the last address that is not one of them.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in NetworkRules.Parse(network.Value.TrustedProxies))
            {
                forwarded.KnownIPNetworks.Add(proxy);
            }

            forwarded.ForwardLimit = null;
        });
        services.AddTransient<IStartupFilter, TrustedProxyStartupFilter>();

        var throttle = ThrottleOptions.Section;
        services.AddOptions<ThrottleOptions>().Bind(configuration.GetSection(throttle))
            .Validate(o => o.MaxFailures >= 1, $"{throttle}:MaxFailures must be at least 1.")
            .Validate(o => o.Window > TimeSpan.Zero, $"{throttle}:Window must be positive.")
            .Validate(o => o.Capacity >= 1, $"{throttle}:Capacity must be at least 1.")
            .Validate(o => o.PruneInterval > TimeSpan.Zero, $"{throttle}:PruneInterval must be positive.")
            .ValidateOnStart();
        services.AddSingleton<AuthFailureThrottle>();
        return services;
    }
}
