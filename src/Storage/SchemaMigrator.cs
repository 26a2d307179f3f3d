using System.Data.Common;
using System.Globalization;
using System.Reflection;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Orleans.Licensing.Storage;

/// <summary>
/// Applies our schema scripts (deploy/sql/&lt;provider&gt;) in name order, each once, every pending one in one
/// transaction together with its row in <c>LicensingSchemaVersions</c>. Refuses a database that holds a
/// script this build does not know: a newer version migrated it.
/// </summary>
public sealed class SchemaMigrator(StorageProvider provider, string connectionString, DatabaseRoles? roles = null)
{
    private const string VersionTable = "LicensingSchemaVersions";

    // Serializes concurrent migrators (a Job and a Development silo, two Jobs) on PostgreSQL.
    private const long PostgresLockKey = 0x4C6963656E7365;

    public IReadOnlyList<SchemaScript> Scripts { get; } = Load(provider);

    /// <summary>What is applied and what is pending; throws <see cref="SchemaException"/> for an unreachable or newer database.</summary>
    public async Task<(IReadOnlyList<string> Applied, IReadOnlyList<string> Pending)> Status(CancellationToken cancellation = default)
    {
        await using var connection = await Open(cancellation);
        // Only looks: a status check must not create anything in a database it was not asked to migrate.
        var applied = await VersionTableExists(connection, cancellation) ? await Applied(connection, null, cancellation) : [];
        CheckNotNewer(applied);
        return (applied, [.. Scripts.Select(s => s.Name).Except(applied, StringComparer.Ordinal)]);
    }

    /// <summary>Applies every pending script; reports each step through <paramref name="log"/>.</summary>
    public async Task<IReadOnlyList<string>> Migrate(Action<string> log, CancellationToken cancellation = default)
    {
        await using var connection = await Open(cancellation);
        if (provider == StorageProvider.Sqlite)
        {
            // WAL lets reads go on beside the writer; synchronous=FULL makes each commit survive power loss.
            await DbCommands.Execute(connection, null, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;", cancellation);
        }

        // Every pending script in one transaction: a migration that fails half-way (a license that cannot be
        // carried over, say) leaves the database exactly as the previous release left it, so that release can
        // start on it again. IMMEDIATE on SQLite: take the write lock before reading what is applied.
        await using var transaction = connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: false)
            : await connection.BeginTransactionAsync(cancellation);
        if (provider == StorageProvider.PostgreSql)
        {
            await DbCommands.Execute(connection, transaction, string.Create(CultureInfo.InvariantCulture, $"SELECT pg_advisory_xact_lock({PostgresLockKey})"), cancellation);
        }

        // Only under the lock: two first runs creating the journal at once collide in PostgreSQL's catalog (a
        // unique violation, not the IF NOT EXISTS they asked for), so the second must wait for the first to commit.
        await EnsureVersionTable(connection, transaction, cancellation);
        var applied = await Applied(connection, transaction, cancellation);
        CheckNotNewer(applied);
        var done = new List<string>();
        foreach (var script in Scripts)
        {
            if (applied.Contains(script.Name, StringComparer.Ordinal))
            {
                log($"schema {script.Name}: already applied");
                continue;
            }

            if (script.Code is { } step)
            {
                await step(connection, transaction, log, cancellation);
            }
            else
            {
                await DbCommands.Execute(connection, transaction, script.Sql, cancellation);
            }

            await using (var record = DbCommands.Create(connection, transaction, $"INSERT INTO {VersionTable} (Script, AppliedOn) VALUES (@script, @appliedOn)"))
            {
                AddParameter(record, "script", script.Name);
                AddParameter(record, "appliedOn", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));
                await record.ExecuteNonQueryAsync(cancellation);
            }

            done.Add(script.Name);
        }

        if (provider == StorageProvider.PostgreSql)
        {
            await RoleGrants.Apply(connection, transaction, roles ?? DatabaseRoles.Default, log, cancellation);
        }

        await transaction.CommitAsync(cancellation);
        foreach (var name in done)
        {
            log($"schema {name}: applied");
        }

        return done;
    }

    private static IReadOnlyList<SchemaScript> Load(StorageProvider provider)
    {
        var prefix = provider == StorageProvider.Sqlite ? "Orleans.Licensing.Storage.Schema.sqlite." : "Orleans.Licensing.Storage.Schema.postgresql.";
        var assembly = typeof(SchemaMigrator).Assembly;
        var import = new LegacyLicenseImport(provider);
        SchemaScript[] code = [new(provider == StorageProvider.Sqlite ? "0004-legacy-licenses" : "0007-legacy-licenses", "", import.Run)];
        return [.. assembly.GetManifestResourceNames()
            // Only the numbered steps: roles.sql beside them is the DBA's, run once with psql.
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && char.IsAsciiDigit(n[prefix.Length]))
            .Select(n => new SchemaScript(n[prefix.Length..], Read(assembly, n)))
            .Concat(code)
            .OrderBy(s => s.Name, StringComparer.Ordinal)];
    }

    private void CheckNotNewer(IReadOnlyList<string> applied)
    {
        var unknown = applied.Except(Scripts.Select(s => s.Name), StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new SchemaException(
                $"the database has schema {string.Join(", ", unknown)}, which this build does not know: a newer version migrated it. Run that version or a newer one.");
        }
    }

    private async Task<DbConnection> Open(CancellationToken cancellation)
    {
        var connection = StorageConnections.Create(provider, connectionString);
        try
        {
            if (provider == StorageProvider.Sqlite
                && Path.GetDirectoryName(Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource)) is { } directory)
            {
                Directory.CreateDirectory(directory);
            }

            await connection.OpenAsync(cancellation);
            return connection;
        }
        catch (Exception e) when (e is DbException or System.Net.Sockets.SocketException or TimeoutException or IOException)
        {
            await connection.DisposeAsync();
            throw new SchemaException($"cannot reach the {provider} database ({Describe()}): {e.Message}", e);
        }
    }

    private string Describe()
    {
        if (provider == StorageProvider.Sqlite)
        {
            return new SqliteConnectionStringBuilder(connectionString).DataSource;
        }

        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return string.Create(CultureInfo.InvariantCulture, $"{builder.Host}:{builder.Port}/{builder.Database}");
    }

    private async Task<bool> VersionTableExists(DbConnection connection, CancellationToken cancellation)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = provider == StorageProvider.Sqlite
            ? $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{VersionTable}'"
            : $"SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = '{VersionTable.ToLowerInvariant()}'";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellation), CultureInfo.InvariantCulture) > 0;
    }

    private static async Task EnsureVersionTable(DbConnection connection, DbTransaction transaction, CancellationToken cancellation) =>
        await DbCommands.Execute(connection, transaction, $"CREATE TABLE IF NOT EXISTS {VersionTable} (Script varchar(200) NOT NULL PRIMARY KEY, AppliedOn varchar(40) NOT NULL)", cancellation);

    private static async Task<IReadOnlyList<string>> Applied(DbConnection connection, DbTransaction? transaction, CancellationToken cancellation)
    {
        await using var command = DbCommands.Create(connection, transaction, $"SELECT Script FROM {VersionTable} ORDER BY Script");
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var names = new List<string>();
        while (await reader.ReadAsync(cancellation))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
