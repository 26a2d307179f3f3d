using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Licensing.Frontend.Hosting;

namespace Orleans.Licensing.IntegrationTests.Support;

/// <summary>
/// The real frontend with its embedded silo and SQLite storage, on Kestrel at a free loopback port,
/// built by the same code as Program.
/// </summary>
public class EmbeddedFrontend : IAsyncLifetime
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<WebApplicationBuilder>? _configure;
    private WebApplication? _app;

    public EmbeddedFrontend()
        : this([])
    {
    }

    private protected EmbeddedFrontend(Dictionary<string, string?> settings, Action<WebApplicationBuilder>? configure = null)
    {
        _settings = settings;
        _configure = configure;
    }

    public string DataDirectory { get; } = TestEnvironment.NewDataDirectory();

    public Uri BaseAddress { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    internal KaClient NewClient(string user = "john", string password = "qwe123") =>
        new(new HttpClient { BaseAddress = BaseAddress }, user, password);

    public async Task InitializeAsync()
    {
        _app = FrontendApp.Build(["--environment", "Development"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Urls"] = "http://127.0.0.1:0",
                ["Licensing:DataDirectory"] = DataDirectory,
                ["Licensing:Storage:ConnectionString"] = $"Data Source={Path.Combine(DataDirectory, "licensing.db")};Default Timeout=2",
                ["Licensing:Ka:RequestTimeout"] = "00:00:10",
                ["Licensing:Cluster:SiloPort"] = TestEnvironment.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Licensing:Cluster:GatewayPort"] = TestEnvironment.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Logging:LogLevel:Default"] = "Warning",
            });
            builder.Configuration.AddInMemoryCollection(_settings);
            _configure?.Invoke(builder);
        });
        await _app.StartAsync();
        // KA's address; with Licensing:Metrics:Port set, Kestrel listens on the metrics port too.
        var metricsPort = _settings.GetValueOrDefault("Licensing:Metrics:Port");
        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses
            .First(a => metricsPort is null || new Uri(a).Port.ToString(System.Globalization.CultureInfo.InvariantCulture) != metricsPort);
        BaseAddress = new Uri(address);
    }

    /// <summary>Begins a graceful stop, as SIGTERM does, and returns while it is under way.</summary>
    public Task BeginStop() => _app!.StopAsync();

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
