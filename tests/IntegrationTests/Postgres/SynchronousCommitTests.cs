using Npgsql;
using Orleans.Licensing.Hosting;
using Orleans.Licensing.IntegrationTests.Support;
using Orleans.Licensing.Storage;

namespace Orleans.Licensing.IntegrationTests.Postgres;

/// <summary>A 200 means durable (B.11): our sessions commit synchronously whatever the server's defaults say.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SynchronousCommitTests(PostgresServer postgres)
{
    [Fact]
    public async Task Our_sessions_commit_synchronously_on_a_database_whose_default_is_off()
    {
        // Unpooled: a database default applies to sessions started after it is set.
        var database = await postgres.CreateDatabase() + ";Pooling=false";
        var name = new NpgsqlConnectionStringBuilder(database).Database;
        await Execute(database, $"ALTER DATABASE {name} SET synchronous_commit = off");

        Assert.Equal("off", await Show(database));
        var ours = new LicensingStorageOptions { Provider = StorageProvider.PostgreSql, ConnectionString = database }
            .ResolveConnectionString(new LicensingOptions());
        Assert.Equal("on", await Show(ours));
    }

    [Fact]
    public async Task A_silo_whose_connection_string_turns_synchronous_commit_off_refuses_to_start()
    {
        var database = await postgres.CreateDatabase() + ";Options=-c synchronous_commit=off";
        var settings = ServiceProcess.EmbeddedSettings(TestEnvironment.NewDataDirectory(), TestEnvironment.FreePort());
        settings["Licensing__Storage__Provider"] = "PostgreSql";
        settings["Licensing__Storage__ConnectionString"] = database;
        await using var frontend = ServiceProcess.Frontend(settings);

        var exitCode = await frontend.WaitForExit(TimeSpan.FromSeconds(90));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("synchronous_commit=off", frontend.Output, StringComparison.Ordinal);
    }

    private static async Task<string?> Show(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SHOW synchronous_commit", connection);
        return (string?)await command.ExecuteScalarAsync();
    }

    private static async Task Execute(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
