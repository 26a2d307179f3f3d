using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Dashboard;
using Microsoft.Extensions.Options;
using Orleans.Licensing.Catalog;
using Orleans.Licensing.Reporting;
using Orleans.Licensing.Signing;
using Orleans.Licensing.Storage;
using Npgsql;
using Orleans.Licensing.Licenses;

namespace Orleans.Licensing.Hosting;

/// <summary>The one silo configuration, shared by the embedded frontend and the standalone silo.</summary>
public static class LicensingSiloBuilderExtensions
{
    /// <summary>A silo of this service: its clustering and <see cref="AddLicensingGrains"/>.</summary>
    public static ISiloBuilder AddLicensingSilo(this ISiloBuilder silo, IConfiguration configuration)
    {
        var cluster = ClusterSettings(silo.Services, configuration);
        silo.Configure<ClusterOptions>(cluster.Identify);
        switch (cluster.Clustering)
        {
            case ClusteringProvider.Localhost:
                silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
                break;
            case ClusteringProvider.AdoNet:
                var (invariant, connectionString) = MembershipDatabase(configuration);
                silo.UseAdoNetClustering(options =>
                {
                    options.Invariant = invariant;
                    options.ConnectionString = connectionString;
                });
                silo.ConfigureEndpoints(cluster.ResolveAdvertisedAddress(), cluster.SiloPort, cluster.GatewayPort, cluster.ListenOnAnyHostAddress);
                break;
        }

        if (cluster.SiloName is { Length: > 0 } name)
        {
            silo.Configure<SiloOptions>(options => options.SiloName = name);
        }

        return silo.AddLicensingGrains(configuration);
    }

    /// <summary>Grain storage, signing and the catalog: everything a silo needs besides clustering (which TestCluster brings its own of).</summary>
    public static ISiloBuilder AddLicensingGrains(this ISiloBuilder silo, IConfiguration configuration)
    {
        var licensing = configuration.Read<LicensingOptions>(LicensingOptions.Section);
        var services = silo.Services;
        var storage = services.AddValidOptions(configuration, LicensingStorageOptions.Section, new LicensingStorageOptionsValidator());
        var connectionString = storage.ResolveConnectionString(licensing);
        silo.AddActivityPropagation();
        silo.AddIncomingGrainCallFilter<StorageFailureFilter>();
        if (configuration.Read<OperatorDashboardOptions>(OperatorDashboardOptions.Section).Enabled)
        {
            silo.AddDashboard();
        }

        // License state and history live in our own store rather than Orleans' ADO.NET grain storage, which
        // writes one grain per round trip as one opaque row (docs/decisions.md, "The license store").
        services.AddSingleton<LicenseStateCodec>();
        services.AddSingleton<ILicenseStore>(sp =>
        {
            var serviceId = sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId;
            var codec = sp.GetRequiredService<LicenseStateCodec>();
            return storage.Provider == StorageProvider.Sqlite
                ? new SqliteLicenseStore(connectionString, serviceId, codec, sp.GetRequiredService<ILogger<SqliteLicenseStore>>())
                : new PostgresLicenseStore(NpgsqlDataSource.Create(connectionString), serviceId, codec, sp.GetRequiredService<ILogger<PostgresLicenseStore>>());
        });
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => new SchemaOnStart(
            new SchemaMigrator(storage.Provider, connectionString, new DatabaseRoles(storage.SiloRole, storage.FrontendRole)),
            storage.MigrateOnStart ?? (storage.Provider == StorageProvider.Sqlite || sp.GetRequiredService<IHostEnvironment>().IsDevelopment()),
            sp.GetRequiredService<ILogger<SchemaOnStart>>()));
        if (storage.Provider == StorageProvider.PostgreSql)
        {
            services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(new SynchronousCommitCheck(connectionString));
        }

        services.AddSingleton<ILicenseQueries>(sp => new LicenseQueries(storage.Provider, connectionString, sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId));
        services.AddOptions<LicenseOptions>().Bind(configuration.GetSection(LicenseOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LicenseOptions>, LicenseOptionsValidator>();

        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<LicensingOptions>().Bind(configuration.GetSection(LicensingOptions.Section));
        services.AddProductCatalog(configuration);
        services.AddLicenseSigning(configuration);
        return silo;
    }

    /// <summary>The frontend's client configuration when the silos run in their own processes.</summary>
    public static IClientBuilder AddLicensingClient(this IClientBuilder client, IConfiguration configuration)
    {
        var cluster = ClusterSettings(client.Services, configuration);
        client.Configure<ClusterOptions>(cluster.Identify);
        switch (cluster.Clustering)
        {
            case ClusteringProvider.Localhost:
                client.UseLocalhostClustering(cluster.GatewayPort, cluster.ServiceId, cluster.ClusterId);
                break;
            case ClusteringProvider.AdoNet:
                var (invariant, connectionString) = MembershipDatabase(configuration);
                client.UseAdoNetClustering(options =>
                {
                    options.Invariant = invariant;
                    options.ConnectionString = connectionString;
                });
                break;
        }

        client.AddActivityPropagation();
        if (configuration.Read<OperatorDashboardOptions>(OperatorDashboardOptions.Section).Enabled)
        {
            client.AddDashboard();
        }

        return client;
    }

    /// <summary>
    /// The cluster settings, read now because they decide what the builder adds, and bound as well so that the host
    /// holds the same values.
    /// </summary>
    private static LicensingClusterOptions ClusterSettings(IServiceCollection services, IConfiguration configuration) =>
        services.AddValidOptions(configuration, LicensingClusterOptions.Section, new LicensingClusterOptionsValidator());

    /// <summary>Membership lives in the storage database: one PostgreSQL to run, back up and secure.</summary>
    private static (string Invariant, string ConnectionString) MembershipDatabase(IConfiguration configuration)
    {
        var storage = configuration.ReadValid(LicensingStorageOptions.Section, new LicensingStorageOptionsValidator());
        if (storage.Provider != StorageProvider.PostgreSql)
        {
            throw new InvalidOperationException(
                $"{LicensingClusterOptions.Section}:Clustering=AdoNet keeps membership in PostgreSQL: set {LicensingStorageOptions.Section}:Provider=PostgreSql.");
        }

        return (storage.Invariant, storage.ResolveConnectionString(configuration.Read<LicensingOptions>(LicensingOptions.Section)));
    }
}
