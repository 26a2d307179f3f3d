namespace Orleans.Licensing.Storage;

/// <summary>
/// The PostgreSQL login roles silos and frontends connect as (deploy/sql/postgresql/roles.sql creates them);
/// <c>migrate</c> grants each exactly what its workload needs.
/// </summary>
public sealed record DatabaseRoles(string Silo, string Frontend)
{
    public static DatabaseRoles Default { get; } = new("licensing_silo", "licensing_frontend");
}
