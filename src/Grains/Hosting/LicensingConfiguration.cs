using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Orleans.Licensing.Hosting;

public static class LicensingConfiguration
{
    /// <summary>
    /// Adds the environment's shipped catalog (<c>catalog.{Environment}.json</c> beside the binaries) as the
    /// lowest-priority source, so appsettings and environment variables still override it.
    /// </summary>
    public static void AddShippedCatalog(this IConfigurationManager configuration, IHostEnvironment environment)
    {
        var file = $"catalog.{environment.EnvironmentName}.json";
        if (!File.Exists(Path.Combine(AppContext.BaseDirectory, file)))
        {
            return;
        }

        configuration.Sources.Insert(0, new JsonConfigurationSource
        {
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
            Path = file,
            Optional = true,
        });
    }

    public static T Read<T>(this IConfiguration configuration, string section)
        where T : new() => configuration.GetSection(section).Get<T>() ?? new T();
}
