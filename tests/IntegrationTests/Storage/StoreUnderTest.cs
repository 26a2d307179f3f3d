using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Licensing.Hosting;
using Orleans.Licensing.IntegrationTests.Support;
using Orleans.Licensing.Storage;
using Orleans.Serialization;

namespace Orleans.Licensing.IntegrationTests.Storage;

/// <summary>A license store on a fresh, migrated database, and a connection to look at its rows.</summary>
internal sealed class StoreUnderTest : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private StoreUnderTest(ServiceProvider services, LicenseStore store, StorageProvider provider, string connectionString)
    {
        _services = services;
        Store = store;
        Provider = provider;
        ConnectionString = connectionString;
    }

    public LicenseStore Store { get; }

    public StorageProvider Provider { get; }

    public string ConnectionString { get; }

    public static async Task<StoreUnderTest> Create(StorageProvider provider, string connectionString)
    {
        await new SchemaMigrator(provider, connectionString).Migrate(_ => { });
        var services = new ServiceCollection().AddSerializer(s => s.AddAssembly(typeof(LicenseStore).Assembly)).BuildServiceProvider();
        var codec = new LicenseStateCodec(services.GetRequiredService<Serializer>());
        LicenseStore store = provider == StorageProvider.Sqlite
            ? new SqliteLicenseStore(connectionString, "store-tests", codec, NullLogger<SqliteLicenseStore>.Instance)
            : new PostgresLicenseStore(NpgsqlDataSource.Create(connectionString), "store-tests", codec, NullLogger<PostgresLicenseStore>.Instance);
        return new StoreUnderTest(services, store, provider, connectionString);
    }

    public static Task<StoreUnderTest> Sqlite() =>
        Create(StorageProvider.Sqlite, $"Data Source={Path.Combine(TestEnvironment.NewDataDirectory(), "licensing.db")}");

    public async Task<long> Count(string table, string purchaseId)
    {
        await using var connection = StorageConnections.Create(Provider, ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table} WHERE PurchaseId = @id";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "id";
        parameter.Value = purchaseId;
        command.Parameters.Add(parameter);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        await _services.DisposeAsync();
    }
}
