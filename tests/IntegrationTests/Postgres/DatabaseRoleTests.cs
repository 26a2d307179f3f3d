using Npgsql;
using Orleans.Licensing.IntegrationTests.Support;

namespace Orleans.Licensing.IntegrationTests.Postgres;

/// <summary>
/// Each workload's own credential: roles.sql as the DBA runs it, <c>migrate</c> as the schema's owner, then each
/// role connects and is refused what its workload may not do.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DatabaseRoleTests(PostgresServer postgres)
{
    private const string InsufficientPrivilege = "42501";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Each_role_may_do_what_its_workload_needs_and_is_refused_the_rest()
    {
        var (database, roles) = await MigratedWithRoles();
        await using var silo = await Connect(database, roles.Silo);
        await using var frontend = await Connect(database, roles.Frontend);

        // Silos: membership, license state, history rows added.
        await Allowed(silo, "INSERT INTO OrleansMembershipVersionTable (DeploymentId) VALUES ('c1')");
        await Allowed(silo, "UPDATE OrleansMembershipVersionTable SET Version = Version + 1 WHERE DeploymentId = 'c1'");
        await Allowed(silo, "INSERT INTO Licenses (ServiceId, PurchaseId, Version, ProductId, TestMode, StartDate, ExpiryDate, Revision, State, ModifiedOn) VALUES ('s', 'P1', 1, 'p', 0, '2016-03-12', '2016-04-22', 1, '\\x00', now())");
        await Allowed(silo, "UPDATE Licenses SET Version = 2 WHERE ServiceId = 's' AND PurchaseId = 'P1'");
        await Allowed(silo, "INSERT INTO LicenseAudit (ServiceId, PurchaseId, Version, Entry, At, Cause, Detail) VALUES ('s', 'P1', 1, 0, 'now', 'PURCHASE', '')");
        await Allowed(silo, "SELECT count(*) FROM LicenseIssuances");
        await Allowed(silo, "SELECT count(*) FROM LicensingSchemaVersions");
        // The store's batch write, with nothing in the batch: EXECUTE is granted.
        await Allowed(silo, "SELECT count(*) FROM license_store_write('s', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}')");
        // History is never rewritten (B.12), state rows are never deleted, and the schema is the owner's.
        await Refused(silo, "UPDATE LicenseAudit SET Detail = 'rewritten'");
        await Refused(silo, "DELETE FROM LicenseAudit");
        await Refused(silo, "UPDATE LicenseIssuances SET Body = '\\x00'");
        await Refused(silo, "DELETE FROM LicenseIssuances");
        await Refused(silo, "DELETE FROM LicenseUsageReports");
        await Refused(silo, "DELETE FROM Licenses");
        await Refused(silo, "INSERT INTO LicensingSchemaVersions (Script, AppliedOn) VALUES ('9999', 'now')");
        await Refused(silo, "CREATE TABLE Sneaky (Id integer)");
        await Refused(silo, "DROP TABLE LicenseAudit");
        await Refused(silo, "ALTER TABLE Licenses ADD COLUMN Sneaky integer");

        // Frontends: find the gateways, nothing more.
        await Allowed(frontend, "SELECT count(*) FROM OrleansQuery WHERE QueryKey = 'GatewaysQueryKey'");
        await Allowed(frontend, "SELECT Address, ProxyPort, Generation FROM OrleansMembershipTable");
        await Refused(frontend, "SELECT count(*) FROM Licenses");
        await Refused(frontend, "SELECT count(*) FROM LicenseIssuances");
        await Refused(frontend, "SELECT count(*) FROM LicenseAudit");
        await Refused(frontend, "INSERT INTO OrleansMembershipVersionTable (DeploymentId) VALUES ('c2')");
        await Refused(frontend, "DELETE FROM OrleansMembershipTable");
        await Refused(frontend, "UPDATE OrleansQuery SET QueryText = ''");
        await Refused(frontend, "SELECT count(*) FROM license_store_write('s', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}')");
        await Refused(frontend, "CREATE TABLE Sneaky (Id integer)");
    }

    [Fact]
    public async Task Grants_follow_every_migrate_run_and_a_missing_role_is_reported_not_fatal()
    {
        var (database, roles) = await MigratedWithRoles();
        var owner = As(database, roles.Owner);
        await using (var again = ServiceProcess.Migrate(Settings(owner, roles)))
        {
            Assert.Equal(0, await again.WaitForExit(Timeout));
            Assert.Contains($"grants: role {roles.Silo} has what silos need", again.Output, StringComparison.Ordinal);
            Assert.Contains($"grants: role {roles.Frontend} has what frontends need", again.Output, StringComparison.Ordinal);
        }

        var missing = roles with { Frontend = "no_such_role_" + Suffix() };
        await using var migrate = ServiceProcess.Migrate(Settings(owner, missing));

        Assert.Equal(0, await migrate.WaitForExit(Timeout));
        Assert.Contains($"grants: no role {missing.Frontend} for frontends", migrate.Output, StringComparison.Ordinal);
    }

    /// <summary>A fresh database with roles of its own (roles are server-wide), migrated by their owner role.</summary>
    private async Task<(string Database, PostgresRoles Roles)> MigratedWithRoles()
    {
        var database = await postgres.CreateDatabase();
        var roles = await PostgresRoles.Create(database);
        await using var migrate = ServiceProcess.Migrate(Settings(As(database, roles.Owner), roles));
        Assert.True(await migrate.WaitForExit(Timeout) == 0, migrate.Output);
        return (database, roles);
    }

    private static Dictionary<string, string> Settings(string connectionString, PostgresRoles roles) => new()
    {
        ["Licensing__Storage__Provider"] = "PostgreSql",
        ["Licensing__Storage__ConnectionString"] = connectionString,
        ["Licensing__Storage__SiloRole"] = roles.Silo,
        ["Licensing__Storage__FrontendRole"] = roles.Frontend,
    };

    private static string As(string database, string role) =>
        new NpgsqlConnectionStringBuilder(PostgresRoles.As(database, role)) { Pooling = false }.ConnectionString;

    private static async Task<NpgsqlConnection> Connect(string database, string role)
    {
        var connection = new NpgsqlConnection(As(database, role));
        await connection.OpenAsync();
        return connection;
    }

    private static async Task Allowed(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task Refused(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
        Assert.True(refused.SqlState == InsufficientPrivilege, $"{connection.UserName}: {sql}: {refused.SqlState} {refused.MessageText}");
    }

    private static string Suffix() => Guid.NewGuid().ToString("N")[..8];
}
