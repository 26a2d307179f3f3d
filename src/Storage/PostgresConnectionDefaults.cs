using System.Data.Common;
using System.Globalization;
using Npgsql;

namespace Orleans.Licensing.Storage;

/// <summary>
/// Npgsql settings the service needs, applied unless the operator's connection string names them itself: two for
/// throughput, each measured with bench/ (docs/performance.md, "Changes and what they bought"), and one for
/// durability (<see cref="SynchronousCommit"/>, checked at start by <see cref="SynchronousCommitCheck"/>).
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

    /// <summary>
    /// A 200 promises that the license's new state is durable (B.11), so every commit of ours waits for its WAL
    /// to be flushed (and, where synchronous standbys are configured, for theirs). Set as a startup option of our
    /// sessions, which outranks a server, database or role default of <c>off</c>.
    /// </summary>
    public const string SynchronousCommit = "synchronous_commit=on";

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

        if (builder.Options?.Contains("synchronous_commit", StringComparison.OrdinalIgnoreCase) != true)
        {
            builder.Options = $"{builder.Options} -c {SynchronousCommit}".TrimStart();
        }

        return builder.ConnectionString;
    }

    /// <summary>Whether Npgsql takes this keyword, so naming it in an error shows no part of a secret.</summary>
    public static bool IsKeyword(string keyword) => new NpgsqlConnectionStringBuilder().ContainsKey(keyword);

    private static string Normalize(string key) => key.Replace(" ", "", StringComparison.Ordinal).ToLower(CultureInfo.InvariantCulture);
}
