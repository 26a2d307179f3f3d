using System.Globalization;
using Orleans.Licensing.Hosting;
using Orleans.Licensing.IntegrationTests.Support;
using Orleans.Licensing.Storage;

namespace Orleans.Licensing.IntegrationTests.Cluster;

/// <summary>
/// The cluster as an operator runs it, on loopback: silo and frontend processes in the Production environment,
/// configured only through environment variables, membership and license state in one PostgreSQL database, each
/// workload connecting as its own role once <see cref="Migrate"/> has created them.
/// </summary>
internal sealed class LocalCluster(string connectionString) : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private readonly string _serviceId = "licensing-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _signingKey = TestEnvironment.NewSigningKeyPem();
    private readonly List<ServiceProcess> _processes = [];

    public string ServiceId => _serviceId;

    public List<ServiceProcess> Silos { get; } = [];

    public List<Uri> Frontends { get; } = [];

    /// <summary>Every process started, silos and frontends, for their output when a test fails.</summary>
    public IReadOnlyList<ServiceProcess> Processes => _processes;

    /// <summary>The roles of roles.sql, each workload connecting as its own, as on Kubernetes.</summary>
    private PostgresRoles? _roles;

    /// <summary>roles.sql, then the migration as the schema's owner, which grants the silo and frontend roles.</summary>
    public async Task Migrate()
    {
        _roles = await PostgresRoles.Create(connectionString);
        await new SchemaMigrator(StorageProvider.PostgreSql, PostgresRoles.As(connectionString, _roles.Owner), _roles.Granted).Migrate(_ => { });
    }

    public async Task<ServiceProcess> StartSilo()
    {
        var settings = Common(_roles?.Silo);
        settings["Licensing__Cluster__SiloPort"] = TestEnvironment.FreePort().ToString(CultureInfo.InvariantCulture);
        settings["Licensing__Cluster__GatewayPort"] = TestEnvironment.FreePort().ToString(CultureInfo.InvariantCulture);
        settings["Licensing__Signing__Keys__0__PrivateKeyPem"] = _signingKey;
        settings["Logging__LogLevel__Orleans.Hosting.SiloHostedService"] = "Information";
        var silo = ServiceProcess.Silo(settings, "Production");
        _processes.Add(silo);
        await silo.WaitForOutput("Orleans Silo started.", StartTimeout);
        Silos.Add(silo);
        return silo;
    }

    public async Task<Uri> StartFrontend()
    {
        var port = TestEnvironment.FreePort();
        var settings = Common(_roles?.Frontend);
        settings["Licensing__SiloMode"] = "External";
        settings["Urls"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
        settings["Licensing__Ka__Credentials__0__UserName"] = "ka";
        settings["Licensing__Ka__Credentials__0__Password"] = "ka-secret";
        settings["Licensing__Operator__Credentials__0__UserName"] = "isv";
        settings["Licensing__Operator__Credentials__0__Password"] = "isv-secret";
        settings["Licensing__Ka__RequestTimeout"] = "00:00:05";
        var frontend = ServiceProcess.Frontend(settings, "Production");
        _processes.Add(frontend);
        var address = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        await frontend.WaitUntilServing(address, StartTimeout);
        Frontends.Add(address);
        return address;
    }

    public static KaClient Client(Uri frontend) => new(new HttpClient { BaseAddress = frontend, Timeout = TimeSpan.FromSeconds(20) }, "ka", "ka-secret");

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }
    }

    private Dictionary<string, string> Common(string? role)
    {
        var settings = new Dictionary<string, string>
        {
            ["Licensing__Storage__Provider"] = "PostgreSql",
            ["Licensing__Storage__ConnectionString"] = role is null ? connectionString : PostgresRoles.As(connectionString, role),
            ["Licensing__Cluster__Clustering"] = "AdoNet",
            ["Licensing__Cluster__ServiceId"] = _serviceId,
            ["Licensing__Cluster__ClusterId"] = _serviceId,
            ["Licensing__ShutdownTimeout"] = "00:00:20",
        };
        foreach (var (key, value) in TestEnvironment.DevelopmentCatalog())
        {
            settings[key.Replace(":", "__", StringComparison.Ordinal)] = value!;
        }

        return settings;
    }
}
