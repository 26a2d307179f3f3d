using Orleans.Licensing.Storage;

namespace Orleans.Licensing.Hosting;

/// <summary><c>Licensing:Storage</c>: where license grains persist (and, on PostgreSQL, cluster membership).</summary>
public sealed class LicensingStorageOptions
{
    public const string Section = "Licensing:Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>Defaults, for SQLite, to <c>licensing.db</c> in the data directory.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>A file holding the connection string, e.g. a mounted secret; used when <see cref="ConnectionString"/> is empty.</summary>
    public string? ConnectionStringFile { get; set; }

    /// <summary>
    /// Whether a silo brings the schema up to date itself. Always for SQLite; for PostgreSQL only when set
    /// (the Development default): elsewhere the <c>migrate</c> command does it, once, before silos roll.
    /// </summary>
    public bool? MigrateOnStart { get; set; }

    /// <summary>The PostgreSQL role silos connect as; <c>migrate</c> grants it what silos need, if it exists.</summary>
    public string SiloRole { get; set; } = DatabaseRoles.Default.Silo;

    /// <summary>The PostgreSQL role frontends connect as; <c>migrate</c> grants it what frontends need, if it exists.</summary>
    public string FrontendRole { get; set; } = DatabaseRoles.Default.Frontend;

    /// <summary>The connection string as configured; for PostgreSQL with <see cref="PostgresConnectionDefaults"/> added.</summary>
    public string ResolveConnectionString(LicensingOptions licensing)
    {
        var configured = ConnectionString is { Length: > 0 } given ? given
            : ConnectionStringFile is { Length: > 0 } file ? File.ReadAllText(file).Trim()
            : null;
        return (Provider, configured) switch
        {
            (StorageProvider.Sqlite, null) => $"Data Source={Path.Combine(licensing.ResolveDataDirectory(), "licensing.db")};Default Timeout=5",
            (StorageProvider.Sqlite, _) => configured,
            (_, null) => throw new InvalidOperationException($"{Section}:ConnectionString (or ConnectionStringFile) is required for {Provider}."),
            _ => WithPostgresDefaults(configured),
        };
    }

    /// <summary>
    /// Npgsql's complaint about a string it cannot parse quotes what it read as a keyword, which for a password
    /// holding an unquoted <c>;</c> is the password's tail: name the setting and the likely cause, never the text.
    /// </summary>
    private static string WithPostgresDefaults(string connectionString)
    {
        try
        {
            return PostgresConnectionDefaults.Apply(connectionString);
        }
        catch (ArgumentException e)
        {
            var setting = e.ParamName is { } name && PostgresConnectionDefaults.IsKeyword(name)
                ? $"the value of '{name}' is not one it takes"
                : "a value holding ';', '=' or a quote must be quoted";
            throw new InvalidOperationException(
                $"{Section}:ConnectionString (or the file ConnectionStringFile names) is not a PostgreSQL connection string: {setting}. Its text is not shown, since it holds the password.");
        }
    }

    public string Invariant => Provider == StorageProvider.Sqlite
        // Orleans' name for SQLite; what it loads is Microsoft.Data.Sqlite.
        ? "System.Data.SQLite"
        : "Npgsql";
}
