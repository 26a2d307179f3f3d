using Orleans.Licensing.Hosting;
using Orleans.TestingHost;

namespace Orleans.Licensing.IntegrationTests.Support;

/// <summary>An Orleans TestCluster whose silos run the real license grains on SQLite through the ADO.NET provider.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public string DataDirectory { get; } = TestEnvironment.NewDataDirectory();

    public string DatabasePath => Path.Combine(DataDirectory, "licensing.db");

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    public async Task InitializeAsync() => Cluster = await Deploy(new Dictionary<string, string>
    {
        ["Licensing:DataDirectory"] = DataDirectory,
        // A short busy timeout so the storage-outage tests fail fast.
        ["Licensing:Storage:ConnectionString"] = $"Data Source={DatabasePath};Default Timeout=2",
    });

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>Deploys a one-silo TestCluster with the Development catalog, a fresh signing key and these settings.</summary>
    public static async Task<TestCluster> Deploy(IReadOnlyDictionary<string, string> settings)
    {
        var builder = new TestClusterBuilder(1);
        builder.Properties["Licensing:Signing:Keys:0:PrivateKeyPem"] = TestEnvironment.NewSigningKeyPem();
        foreach (var (key, value) in TestEnvironment.DevelopmentCatalog())
        {
            builder.Properties[key] = value!;
        }

        foreach (var (key, value) in settings)
        {
            builder.Properties[key] = value;
        }

        builder.AddSiloBuilderConfigurator<LicensingSiloConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private sealed class LicensingSiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder.AddLicensingGrains(siloBuilder.Configuration);
    }
}
