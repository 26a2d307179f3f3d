namespace Orleans.Licensing.Storage;

public enum StorageProvider
{
    /// <summary>One file in the data directory: the embedded default.</summary>
    Sqlite = 0,

    /// <summary>The cluster: grain state and membership in one PostgreSQL database.</summary>
    PostgreSql = 1,
}
