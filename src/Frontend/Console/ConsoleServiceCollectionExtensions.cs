using Microsoft.AspNetCore.DataProtection;
using Orleans.Licensing.Hosting;

namespace Orleans.Licensing.Frontend.Console;

internal static class ConsoleServiceCollectionExtensions
{
    /// <summary>
    /// The operator console (issue 13): Razor components rendered on the server only, behind a login cookie that
    /// the operator credentials earn; the operator API keeps its Basic credentials.
    /// </summary>
    public static IServiceCollection AddOperatorConsole(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ConsoleOptions>().Bind(configuration.GetSection(ConsoleOptions.Section));
        // Read before the host exists: it decides which key ring the cookie and the form tokens use.
        if (configuration.Read<ConsoleOptions>(ConsoleOptions.Section).KeyDirectory is { Length: > 0 } keys)
        {
            services.AddDataProtection().SetApplicationName("Orleans.Licensing.Console").PersistKeysToFileSystem(new DirectoryInfo(keys));
        }

        services.AddRazorComponents();
        services.AddAntiforgery(options => options.Cookie.Name = ConsoleAuthentication.AntiforgeryCookie);
        services.AddAuthorization();
        services.AddAuthentication(ConsoleAuthentication.Scheme).AddCookie(ConsoleAuthentication.Scheme, options =>
        {
            options.Cookie.Name = ConsoleAuthentication.Cookie;
            options.Cookie.Path = ConsoleAuthentication.PathBase;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.LoginPath = ConsoleAuthentication.LoginPath;
            options.LogoutPath = ConsoleAuthentication.LogoutPath;
            options.ExpireTimeSpan = ConsoleAuthentication.SessionLifetime;
            options.SlidingExpiration = true;
        });
        services.AddSingleton<KaRequestMeter>();
        services.AddScoped<ConsoleLogin>();
        services.AddSingleton<OverviewCache>();
        return services;
    }
}
