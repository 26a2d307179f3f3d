namespace Orleans.Licensing.Hosting;

public enum ClusteringProvider
{
    /// <summary>One silo on this machine (SQLite has no membership provider).</summary>
    Localhost = 0,

    /// <summary>Membership in the PostgreSQL database that holds the grain state.</summary>
    AdoNet = 1,
}
