using Microsoft.Extensions.Logging;

namespace Orleans.Licensing.Storage;

/// <summary>
/// Before the storage and membership providers read their queries: bring the schema up to date where the silo
/// may (SQLite; PostgreSQL in Development), otherwise refuse to start on a schema that is behind.
/// </summary>
internal sealed partial class SchemaOnStart(SchemaMigrator migrator, bool migrate, ILogger<SchemaOnStart> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe<SchemaOnStart>(ServiceLifecycleStage.RuntimeInitialize, Run);

    private async Task Run(CancellationToken cancellation)
    {
        if (migrate)
        {
            await migrator.Migrate(step => LogStep(step), cancellation);
            return;
        }

        var (_, pending) = await migrator.Status(cancellation);
        if (pending.Count > 0)
        {
            throw new SchemaException(
                $"the database schema is behind (pending: {string.Join(", ", pending)}); run the silo's 'migrate' command before starting silos");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Step}")]
    private partial void LogStep(string step);
}
