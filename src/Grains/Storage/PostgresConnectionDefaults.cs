using System.Data.Common;
using System.Globalization;
using Npgsql;

namespace Orleans.Licensing.Storage;

/// <summary>
/// Npgsql settings the service needs for throughput, applied unless the operator's connection string names
/// them itself. Each was measured with bench/ (docs/performance.md, "Changes and what they bought").
/// </summary>
internal static class PostgresConnectionDefaults
{
    /// <summary>
    /// Npgsql's reset on returning a pooled connection is DISCARD ALL, which also throws away the plans that
    /// PL/pgSQL cached for our storage functions: every write would plan them again. Nothing here leaves
    /// session state behind (the migrator's lock is transaction-scoped), so there is nothing to reset.
    /// </summary>
    public const bool NoResetOnClose = true;

    /// <summary>The provider sends the same few statements over and over: prepare them once per connection.</summary>
    public const int MaxAutoPrepare = 16;

    public static string Apply(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var named = given.Keys.Cast<string>().Select(Normalize).ToHashSet(StringComparer.Ordinal);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!named.Contains("noresetonclose"))
        {
            builder.NoResetOnClose = NoResetOnClose;
        }

        if (!named.Contains("maxautoprepare"))
        {
            builder.MaxAutoPrepare = MaxAutoPrepare;
        }

        return builder.ConnectionString;
    }

    private static string Normalize(string key) => key.Replace(" ", "", StringComparison.Ordinal).ToLower(CultureInfo.InvariantCulture);
}
