using System.Globalization;
using Npgsql;
using Orleans.Licensing.IntegrationTests.Support;

namespace Orleans.Licensing.IntegrationTests.Migration;

/// <summary>Loads a plain pg_dump into a database of the test server with psql, as an operator restores one.</summary>
internal static class PostgresDump
{
    public static async Task Restore(PostgresServer server, string connectionString, string dump)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        var result = await ExternalCommand.Run(Psql, [
            "-h", "127.0.0.1", "-p", server.Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", "-d", database,
            "-v", "ON_ERROR_STOP=1", "-q", "-f", dump,
        ]);
        Assert.True(result.ExitCode == 0, $"psql -f {dump} into {database}:\n{result}");
    }

    /// <summary>The server's own psql (a dump's \restrict line needs psql 15.14 or later), else the one on PATH.</summary>
    private static string Psql =>
        (Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", "psql")).Where(File.Exists).OrderDescending().FirstOrDefault()
            : null)
        ?? ExternalCommand.FindOnPath("psql")
        ?? throw new InvalidOperationException("no psql (apt-get install postgresql-client)");
}
