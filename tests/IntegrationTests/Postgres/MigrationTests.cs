using Npgsql;
using Orleans.Licensing.Hosting;
using Orleans.Licensing.IntegrationTests.Support;
using Orleans.Licensing.Storage;

namespace Orleans.Licensing.IntegrationTests.Postgres;

/// <summary>The schema is ours, versioned, and applied only by the explicit migrate command outside Development.</summary>
[Collection(PostgresCollection.Name)]
public sealed class MigrationTests(PostgresServer postgres)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Migrate_applies_each_script_once_printing_a_line_per_step()
    {
        var database = await postgres.CreateDatabase();
        var scripts = new SchemaMigrator(StorageProvider.PostgreSql, database).Scripts;
        Assert.NotEmpty(scripts);

        await using var first = ServiceProcess.Migrate(PostgresSettings(database));
        Assert.Equal(0, await first.WaitForExit(Timeout));
        await using var second = ServiceProcess.Migrate(PostgresSettings(database));
        Assert.Equal(0, await second.WaitForExit(Timeout));

        Assert.All(scripts, s => Assert.Contains($"schema {s.Name}: applied", first.Output, StringComparison.Ordinal));
        Assert.All(scripts, s => Assert.Contains($"schema {s.Name}: already applied", second.Output, StringComparison.Ordinal));
        var (applied, pending) = await new SchemaMigrator(StorageProvider.PostgreSql, database).Status();
        Assert.Equal(scripts.Select(s => s.Name), applied);
        Assert.Empty(pending);
    }

    [Fact]
    public async Task Two_migrate_commands_started_at_once_on_an_empty_database_both_succeed()
    {
        // The race is between the two processes' first statements; a few rounds make a lost race likely.
        for (var round = 0; round < 6; round++)
        {
            var database = await postgres.CreateDatabase();
            await using var first = ServiceProcess.Migrate(PostgresSettings(database));
            await using var second = ServiceProcess.Migrate(PostgresSettings(database));
            var exits = await Task.WhenAll(first.WaitForExit(Timeout), second.WaitForExit(Timeout));

            Assert.True(exits is [0, 0], $"round {round}: exit codes {exits[0]} and {exits[1]}\n--- first:\n{first.Output}\n--- second:\n{second.Output}");
            var (_, pending) = await new SchemaMigrator(StorageProvider.PostgreSql, database).Status();
            Assert.Empty(pending);
            // Exactly one of them applied the scripts; the other waited and found nothing pending.
            Assert.Single(new[] { first.Output, second.Output }, o => o.Contains(": applied", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Concurrent_migrators_on_an_empty_database_apply_each_script_once_without_failing()
    {
        for (var round = 0; round < 5; round++)
        {
            var database = await postgres.CreateDatabase();
            var migrators = Enumerable.Range(0, 6).Select(_ => new SchemaMigrator(StorageProvider.PostgreSql, database)).ToList();

            var results = await Task.WhenAll(migrators.Select(m => Task.Run(() => m.Migrate(_ => { }))));

            Assert.Equal(migrators[0].Scripts.Select(s => s.Name), results.SelectMany(r => r).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task Migrate_refuses_clearly_when_the_database_is_unreachable()
    {
        var unreachable = $"Host=127.0.0.1;Port={TestEnvironment.FreePort()};Username=postgres;Database=none;Timeout=3";

        await using var migrate = ServiceProcess.Migrate(PostgresSettings(unreachable));

        Assert.Equal(2, await migrate.WaitForExit(Timeout));
        Assert.Contains("cannot reach the PostgreSql database (127.0.0.1:", migrate.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_refuses_a_database_migrated_by_a_newer_version()
    {
        var database = await postgres.CreateDatabase();
        await new SchemaMigrator(StorageProvider.PostgreSql, database).Migrate(_ => { });
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO LicensingSchemaVersions (Script, AppliedOn) VALUES ('9999-from-the-future.sql', 'later')";
            await command.ExecuteNonQueryAsync();
        }

        await using var migrate = ServiceProcess.Migrate(PostgresSettings(database));

        Assert.Equal(2, await migrate.WaitForExit(Timeout));
        Assert.Contains("9999-from-the-future.sql", migrate.Output, StringComparison.Ordinal);
        Assert.Contains("newer version", migrate.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_development_a_silo_refuses_an_unmigrated_database_and_creates_nothing()
    {
        var database = await postgres.CreateDatabase();
        var settings = PostgresSettings(database);
        settings["Licensing__Cluster__Clustering"] = "AdoNet";
        settings["Licensing__Cluster__SiloPort"] = TestEnvironment.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Licensing__Cluster__GatewayPort"] = TestEnvironment.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Licensing__Signing__Keys__0__PrivateKeyPem"] = TestEnvironment.NewSigningKeyPem();
        foreach (var (key, value) in TestEnvironment.DevelopmentCatalog())
        {
            settings[key.Replace(":", "__", StringComparison.Ordinal)] = value!;
        }

        await using var silo = ServiceProcess.Silo(settings, "Production");

        Assert.NotEqual(0, await silo.WaitForExit(Timeout));
        Assert.Contains("run the silo's 'migrate' command", silo.Output, StringComparison.Ordinal);
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'";
        Assert.Equal(0L, await command.ExecuteScalarAsync());
    }

    private static Dictionary<string, string> PostgresSettings(string connectionString) => new()
    {
        ["Licensing__Storage__Provider"] = "PostgreSql",
        ["Licensing__Storage__ConnectionString"] = connectionString,
    };
}
