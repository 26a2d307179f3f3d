using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Orleans.Licensing.IntegrationTests.Support;

/// <summary>
/// The real frontend with its embedded silo and SQLite storage, on Kestrel at a free loopback port, started
/// through Program itself.
/// </summary>
public class EmbeddedFrontend : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    public EmbeddedFrontend()
        : this(new Dictionary<string, string?>())
    {
    }

    /// <param name="settings">Configuration over the defaults below, as an operator would write it.</param>
    /// <param name="services">Registrations added after the frontend's own, for a test that watches from inside.</param>
    internal EmbeddedFrontend(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        _settings = settings;
        _services = services;
        UseKestrel();
    }

    public string DataDirectory { get; } = TestEnvironment.NewDataDirectory();

    public Uri BaseAddress { get; private set; } = null!;

    internal KaClient NewClient(string user = "john", string password = "qwe123") =>
        new(new HttpClient { BaseAddress = BaseAddress }, user, password);

    public Task InitializeAsync()
    {
        StartServer();

        // KA's address; with Licensing:Metrics:Port set, Kestrel listens on the metrics port too.
        var metricsPort = _settings.GetValueOrDefault("Licensing:Metrics:Port");
        var address = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses
            .First(a => metricsPort is null || new Uri(a).Port.ToString(CultureInfo.InvariantCulture) != metricsPort);
        BaseAddress = new Uri(address);
        return Task.CompletedTask;
    }

    /// <summary>Begins a graceful stop, as SIGTERM does, and returns while it is under way.</summary>
    public Task BeginStop() => Services.GetRequiredService<IHost>().StopAsync();

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Host settings, not app configuration: Program reads the silo mode, storage and ports before it builds the
        // host, and only host settings are in its configuration by then (app configuration given here is added at Build).
        var settings = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Licensing:DataDirectory"] = DataDirectory,
            ["Licensing:Storage:ConnectionString"] = $"Data Source={Path.Combine(DataDirectory, "licensing.db")};Default Timeout=2",
            ["Licensing:Ka:RequestTimeout"] = "00:00:10",
            ["Licensing:Cluster:SiloPort"] = TestEnvironment.FreePort().ToString(CultureInfo.InvariantCulture),
            ["Licensing:Cluster:GatewayPort"] = TestEnvironment.FreePort().ToString(CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in _settings)
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        if (_services is not null)
        {
            builder.ConfigureServices(_services);
        }
    }
}
