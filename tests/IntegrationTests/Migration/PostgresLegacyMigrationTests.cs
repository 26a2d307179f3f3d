using System.Globalization;
using Npgsql;
using Orleans.Licensing.Hosting;
using Orleans.Licensing.IntegrationTests.Support;
using Orleans.Licensing.Storage;

namespace Orleans.Licensing.IntegrationTests.Migration;

/// <summary>
/// A PostgreSQL database the previous version wrote (licenses in Orleans' grain storage, one row each), restored
/// from its pg_dump, migrates with every license, body and audit entry intact, and the current service then
/// answers KA's repeats byte for byte as the old one did. Expectations come from what the old version answered.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresLegacyMigrationTests(PostgresServer postgres)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private static readonly LegacyManifest Manifest = LegacyFixtures.Manifest("postgresql");

    [Fact]
    public async Task Migrate_carries_every_license_body_and_audit_entry_over_and_the_service_then_repeats_each_answer_byte_identical()
    {
        MigratedServiceCheck.AssertCoverage(Manifest);
        var database = await postgres.CreateDatabase();
        await PostgresDump.Restore(postgres, database, LegacyFixtures.PostgresDump);
        var rows = new StoredRows(StorageProvider.PostgreSql, () => new NpgsqlConnection(database));
        var (serviceId, applied) = await MigratedRowsCheck.AssertOldLayout(Manifest, rows);

        await using (var migrate = ServiceProcess.Migrate(PostgresSettings(database)))
        {
            var exitCode = await migrate.WaitForExit(Timeout);
            Assert.True(exitCode == 0, $"migrate exited {exitCode}:\n{migrate.Output}");
            MigratedRowsCheck.AssertMigrateOutput(
                migrate.Output, applied, [.. new SchemaMigrator(StorageProvider.PostgreSql, database).Scripts.Select(s => s.Name)], LegacyFixtures.PostgresLegacyStep);
        }

        await MigratedRowsCheck.AssertCarriedOver(Manifest, rows, serviceId, LegacyFixtures.PostgresLegacyStep);

        var port = TestEnvironment.FreePort();
        var address = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        var settings = ServiceProcess.EmbeddedSettings(LegacyFixtures.NewDataDirectory(), port);
        foreach (var (name, value) in PostgresSettings(database))
        {
            settings[name] = value;
        }

        await using var service = ServiceProcess.Frontend(settings);
        await service.WaitUntilServing(address, Timeout);
        await MigratedServiceCheck.AssertServesAsBefore(Manifest, address);
        var renewed = await MigratedServiceCheck.AssertGoesOn(Manifest, address);
        await MigratedServiceCheck.AssertNewRowsFollow(Manifest, rows, renewed);
    }

    private static Dictionary<string, string> PostgresSettings(string connectionString) => new()
    {
        ["Licensing__Storage__Provider"] = "PostgreSql",
        ["Licensing__Storage__ConnectionString"] = connectionString,
    };
}
