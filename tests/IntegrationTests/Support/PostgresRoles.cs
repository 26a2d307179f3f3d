using System.Globalization;
using Npgsql;
using Orleans.Licensing.Storage;

namespace Orleans.Licensing.IntegrationTests.Support;

/// <summary>
/// The owner, silo and frontend roles of deploy/sql/postgresql/roles.sql, created by running it with psql as the
/// DBA would; names of their own per test, since roles belong to the whole server.
/// </summary>
internal sealed record PostgresRoles(string Owner, string Silo, string Frontend)
{
    public DatabaseRoles Granted => new(Silo, Frontend);

    /// <summary>Runs roles.sql against the database the connection string (the superuser's) names.</summary>
    public static async Task<PostgresRoles> Create(string superuserConnectionString)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var roles = new PostgresRoles("owner_" + suffix, "silo_" + suffix, "frontend_" + suffix);
        var builder = new NpgsqlConnectionStringBuilder(superuserConnectionString);
        var psql = await ExternalCommand.Run(
            "psql",
            [
                string.Create(CultureInfo.InvariantCulture, $"host={builder.Host} port={builder.Port} user={builder.Username} dbname={builder.Database}"),
                "-v", "ON_ERROR_STOP=1",
                "-v", $"owner_role={roles.Owner}", "-v", $"silo_role={roles.Silo}", "-v", $"frontend_role={roles.Frontend}",
                "-v", "owner_password=owner-pw", "-v", "silo_password=silo-pw", "-v", "frontend_password=frontend-pw",
                "-f", Path.Combine(RepositoryPaths.Root, "deploy", "sql", "postgresql", "roles.sql"),
            ]);
        return psql.ExitCode == 0 ? roles : throw new InvalidOperationException($"roles.sql exited with {psql.ExitCode}: {psql.Output}{psql.Error}");
    }

    /// <summary>The same database as <paramref name="role"/> (the test server trusts loopback, so any password does).</summary>
    public static string As(string connectionString, string role) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Username = role, Password = role + "-pw" }.ConnectionString;
}
