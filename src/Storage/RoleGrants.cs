using System.Data.Common;
using Npgsql;

namespace Orleans.Licensing.Storage;

/// <summary>
/// Run by the migrator after every migration, in its transaction, as the schema's owner: the silo and frontend
/// roles get exactly these privileges on the current schema (what the owner granted them before is revoked first,
/// in the same transaction), so a table a later migration adds is covered at once and a grant that is no longer
/// needed goes with the next migration. Functions are
/// SECURITY INVOKER: executing one still needs the privileges on the tables it touches.
/// </summary>
internal static class RoleGrants
{
    // History (issuances, audit, usage reports) is append-only (spec B.12): the grants enforce what the code does.
    private static readonly string[] Silo =
    [
        "GRANT SELECT ON LicensingSchemaVersions, OrleansQuery TO {0}",
        "GRANT SELECT, INSERT, UPDATE, DELETE ON OrleansMembershipVersionTable, OrleansMembershipTable TO {0}",
        "GRANT SELECT, INSERT, UPDATE ON Licenses TO {0}",
        "GRANT SELECT, INSERT ON LicenseIssuances, LicenseAudit, LicenseUsageReports TO {0}",
        "GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA {1} TO {0}",
    ];

    // A frontend is an Orleans client: it loads the queries and reads which silos are gateways, nothing more.
    private static readonly string[] Frontend =
    [
        "GRANT SELECT ON OrleansQuery, OrleansMembershipTable TO {0}",
    ];

    public static async Task Apply(DbConnection connection, DbTransaction transaction, DatabaseRoles roles, Action<string> log, CancellationToken cancellation)
    {
        var schema = Quote((string)(await Scalar(connection, transaction, "SELECT current_schema()", null, cancellation))!);
        // PostgreSQL lets every role execute a new function; only the silos need ours.
        await DbCommands.Execute(connection, transaction, $"REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA {schema} FROM PUBLIC", cancellation);
        foreach (var (role, grants, workload) in new[] { (roles.Silo, Silo, "silos"), (roles.Frontend, Frontend, "frontends") })
        {
            if (await Scalar(connection, transaction, "SELECT 1 FROM pg_roles WHERE rolname = @role", role, cancellation) is null)
            {
                // A deployment that still runs everything as one role keeps working; roles.sql creates the role.
                log($"grants: no role {role} for {workload}; they must connect as a role holding these grants (deploy/sql/postgresql/roles.sql)");
                continue;
            }

            var quoted = Quote(role);
            await DbCommands.Execute(connection, transaction, $"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {quoted}", cancellation);
            await DbCommands.Execute(connection, transaction, $"GRANT USAGE ON SCHEMA {schema} TO {quoted}", cancellation);
            foreach (var grant in grants)
            {
                await DbCommands.Execute(connection, transaction, string.Format(System.Globalization.CultureInfo.InvariantCulture, grant, quoted, schema), cancellation);
            }

            log($"grants: role {role} has what {workload} need");
        }
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static async Task<object?> Scalar(DbConnection connection, DbTransaction transaction, string sql, string? role, CancellationToken cancellation)
    {
        await using var command = DbCommands.Create(connection, transaction, sql);
        if (role is not null)
        {
            command.Parameters.Add(new NpgsqlParameter("role", role));
        }

        return await command.ExecuteScalarAsync(cancellation);
    }
}
