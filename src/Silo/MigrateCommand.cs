using System.Data.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Orleans.Licensing.Hosting;
using Orleans.Licensing.Storage;

namespace Orleans.Licensing.Silo;

/// <summary><c>migrate</c>: brings the configured database to this build's schema, printing a line per step.</summary>
internal static class MigrateCommand
{
    public static async Task<int> Run(IConfiguration configuration, TextWriter output)
    {
        try
        {
            var storage = configuration.ReadValid(LicensingStorageOptions.Section, new LicensingStorageOptionsValidator());
            var migrator = new SchemaMigrator(
                storage.Provider,
                storage.ResolveConnectionString(configuration.Read<LicensingOptions>(LicensingOptions.Section)),
                new DatabaseRoles(storage.SiloRole, storage.FrontendRole));
            output.WriteLine($"migrating the {storage.Provider} schema ({migrator.Scripts.Count} scripts known to this build)");
            var applied = await migrator.Migrate(output.WriteLine);
            output.WriteLine(applied.Count == 0 ? "schema is up to date" : $"schema is up to date: {applied.Count} applied");
            return 0;
        }
        // Settings it cannot use stop it before it connects, and a database error mid-way (a lost connection, a refused
        // privilege) rolled the transaction back: either way say so and exit 2, the Job's "not migrated", rather than
        // crash with a stack trace.
        catch (Exception e) when (e is SchemaException or InvalidOperationException or OptionsValidationException or IOException or DbException)
        {
            output.WriteLine($"migrate failed: {e.Message}");
            return 2;
        }
    }
}
