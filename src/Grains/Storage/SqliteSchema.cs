using System.Reflection;
using Microsoft.Data.Sqlite;

namespace Orleans.Licensing.Storage;

/// <summary>
/// Brings the SQLite database to the schema the storage provider needs before the provider reads its
/// queries. Scripts are applied in name order, each once, recorded in <c>LicensingSchemaVersions</c>.
/// </summary>
internal sealed class SqliteSchema(string connectionString) : ILifecycleParticipant<ISiloLifecycle>
{
    private const string ResourcePrefix = "Orleans.Licensing.Schema.sqlite.";

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe<SqliteSchema>(ServiceLifecycleStage.RuntimeInitialize, _ => Task.Run(Apply));

    public static IReadOnlyList<(string Name, string Sql)> Scripts()
    {
        var assembly = typeof(SqliteSchema).Assembly;
        return [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (n[ResourcePrefix.Length..], Read(assembly, n)))];
    }

    public IReadOnlyList<string> Apply()
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (Path.GetDirectoryName(Path.GetFullPath(builder.DataSource)) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        // WAL lets reads go on beside the writer; synchronous=FULL makes each commit survive power loss.
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
        Execute(connection, "CREATE TABLE IF NOT EXISTS LicensingSchemaVersions (Script TEXT NOT NULL PRIMARY KEY, AppliedOn TEXT NOT NULL);");

        var applied = new List<string>();
        foreach (var (name, sql) in Scripts())
        {
            using var transaction = connection.BeginTransaction();
            using var check = connection.CreateCommand();
            check.CommandText = "SELECT COUNT(*) FROM LicensingSchemaVersions WHERE Script = $script";
            check.Parameters.AddWithValue("$script", name);
            if (Convert.ToInt64(check.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0)
            {
                continue;
            }

            Execute(connection, sql);
            using var record = connection.CreateCommand();
            record.CommandText = "INSERT INTO LicensingSchemaVersions (Script, AppliedOn) VALUES ($script, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))";
            record.Parameters.AddWithValue("$script", name);
            record.ExecuteNonQuery();
            transaction.Commit();
            applied.Add(name);
        }

        return applied;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
