using System.Globalization;
using Microsoft.Data.Sqlite;
using Orleans.Licensing.Hosting;
using Orleans.Licensing.IntegrationTests.Support;
using Orleans.Licensing.Storage;

namespace Orleans.Licensing.IntegrationTests.Migration;

/// <summary>
/// A data directory the previous version left on the embedded default (licenses in Orleans' grain storage, one
/// row each) migrates with every license, body and audit entry intact, and the current service then answers KA's
/// repeats byte for byte as the old one did. Expectations come from what the old version answered (the manifest).
/// </summary>
public sealed class SqliteLegacyMigrationTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private static readonly LegacyManifest Manifest = LegacyFixtures.Manifest("sqlite");

    [Fact]
    public async Task Migrate_carries_every_license_body_and_audit_entry_over_and_the_service_then_repeats_each_answer_byte_identical()
    {
        MigratedServiceCheck.AssertCoverage(Manifest);
        var data = LegacyFixtures.NewSqliteDataDirectory();
        var rows = Rows(data);
        var (serviceId, applied) = await MigratedRowsCheck.AssertOldLayout(Manifest, rows);

        await using (var migrate = ServiceProcess.Migrate(new Dictionary<string, string> { ["Licensing__DataDirectory"] = data }))
        {
            var exitCode = await migrate.WaitForExit(Timeout);
            Assert.True(exitCode == 0, $"migrate exited {exitCode}:\n{migrate.Output}");
            MigratedRowsCheck.AssertMigrateOutput(migrate.Output, applied, Scripts, LegacyFixtures.SqliteLegacyStep);
        }

        await MigratedRowsCheck.AssertCarriedOver(Manifest, rows, serviceId, LegacyFixtures.SqliteLegacyStep);

        var (service, address) = await Start(data);
        await using (service)
        {
            await MigratedServiceCheck.AssertServesAsBefore(Manifest, address);
            var renewed = await MigratedServiceCheck.AssertGoesOn(Manifest, address);
            await MigratedServiceCheck.AssertNewRowsFollow(Manifest, rows, renewed);
        }
    }

    [Fact]
    public async Task The_embedded_service_started_on_a_legacy_data_directory_migrates_it_itself_and_repeats_each_answer_byte_identical()
    {
        var data = LegacyFixtures.NewSqliteDataDirectory();
        var rows = Rows(data);
        var (serviceId, _) = await MigratedRowsCheck.AssertOldLayout(Manifest, rows);

        var (service, address) = await Start(data);
        await using (service)
        {
            await MigratedServiceCheck.AssertServesAsBefore(Manifest, address);
        }

        await MigratedRowsCheck.AssertCarriedOver(Manifest, rows, serviceId, LegacyFixtures.SqliteLegacyStep);
    }

    private static IReadOnlyList<string> Scripts => [.. new SchemaMigrator(StorageProvider.Sqlite, "Data Source=unused").Scripts.Select(s => s.Name)];

    private static StoredRows Rows(string dataDirectory) =>
        new(StorageProvider.Sqlite, () => new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "licensing.db")};Pooling=False"));

    /// <summary>The current build's frontend (embedded silo, SQLite, Development) on the data directory.</summary>
    private static async Task<(ServiceProcess Service, Uri Address)> Start(string dataDirectory)
    {
        var port = TestEnvironment.FreePort();
        var address = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        var service = ServiceProcess.Frontend(ServiceProcess.EmbeddedSettings(dataDirectory, port));
        try
        {
            await service.WaitUntilServing(address, Timeout);
            return (service, address);
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }
}
