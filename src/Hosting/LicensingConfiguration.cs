using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

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

    /// <summary><see cref="HostingOptions.ShutdownTimeout"/> (default 30 s) becomes the host's own shutdown timeout.</summary>
    public static IServiceCollection AddLicensingShutdown(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HostingOptions>().Bind(configuration.GetSection(HostingOptions.Section)).ValidateOnStart();
        services.AddOptions<HostOptions>().Configure<IOptions<HostingOptions>>((host, hosting) => host.ShutdownTimeout = hosting.Value.ShutdownTimeout);
        return services;
    }

    /// <summary>
    /// <c>Licensing:CatalogFile</c>: the catalog as its own JSON file (on Kubernetes, a mounted ConfigMap), shaped
    /// like the settings files (<c>{"Licensing":{"Catalog":{"Products":{…}}}}</c>). A missing file stops start-up,
    /// and so does a file that sets anything outside <c>Licensing:Catalog</c>: the file comes after the
    /// environment variables, so whoever edits the ConfigMap could otherwise replace the signing key, a
    /// credential or the connection string.
    /// </summary>
    public static void AddCatalogFile(this IConfigurationManager configuration)
    {
        // Configuration is still being built here, so there is no service provider: bind the options class directly.
        if (configuration.Read<HostingOptions>(HostingOptions.Section).CatalogFile is not { Length: > 0 } file)
        {
            return;
        }

        var path = Path.GetFullPath(file);
        // Read once and add what was checked, so a file replaced between check and load cannot slip through.
        var entries = new ConfigurationBuilder().AddJsonFile(path, optional: false, reloadOnChange: false).Build()
            .AsEnumerable().ToList();
        var outside = entries.Where(e => e.Value is not null && !IsCatalogKey(e.Key)).Select(e => e.Key).Order(StringComparer.OrdinalIgnoreCase).ToList();
        if (outside.Count > 0)
        {
            throw new InvalidOperationException(
                $"{HostingOptions.Section}:{nameof(HostingOptions.CatalogFile)} '{path}' sets {string.Join(", ", outside.Select(k => $"'{k}'"))}; a catalog file may set only Licensing:Catalog.");
        }

        configuration.AddInMemoryCollection(entries.Where(e => IsCatalogKey(e.Key)));
    }

    private static bool IsCatalogKey(string key) =>
        key.Equals("Licensing:Catalog", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("Licensing:Catalog:", StringComparison.OrdinalIgnoreCase);

    public static T Read<T>(this IConfiguration configuration, string section)
        where T : new() => configuration.GetSection(section).Get<T>() ?? new T();

    /// <summary>
    /// <see cref="Read{T}"/> for a builder that decides what to add from the options, refused as the host would
    /// refuse them at start: the validator's message, not whatever the options would break first.
    /// </summary>
    public static T ReadValid<T>(this IConfiguration configuration, string section, IValidateOptions<T> validator)
        where T : class, new()
    {
        var options = configuration.Read<T>(section);
        if (validator.Validate(Options.DefaultName, options) is { Failed: true } invalid)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(T), invalid.Failures);
        }

        return options;
    }

    /// <summary>
    /// Binds <typeparamref name="T"/> to its section for the host, validated by <paramref name="validator"/> at
    /// start, and returns it as read now (<see cref="ReadValid{T}"/>).
    /// </summary>
    public static T AddValidOptions<T>(this IServiceCollection services, IConfiguration configuration, string section, IValidateOptions<T> validator)
        where T : class, new()
    {
        services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.AddSingleton(validator);
        return configuration.ReadValid(section, validator);
    }
}
