using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Orleans.Licensing.Signing;

public static class SigningServiceCollectionExtensions
{
    public static IServiceCollection AddLicenseSigning(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SigningOptions>().Bind(configuration.GetSection(SigningOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SigningOptions>, SigningOptionsValidator>();
        services.AddOptions<RevocationOptions>().Bind(configuration.GetSection(RevocationOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RevocationOptions>, RevocationOptionsValidator>();
        services.AddSingleton(sp => SigningKeyRing.Load(
            sp.GetRequiredService<IOptions<SigningOptions>>().Value,
            sp.GetRequiredService<IHostEnvironment>(),
            sp.GetRequiredService<IOptions<LicensingOptions>>().Value));
        // Resolve the ring during start so a missing or broken key stops the silo instead of the first PURCHASE.
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SigningKeyCheck>();
        return services;
    }
}
