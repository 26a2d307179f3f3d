namespace Orleans.Licensing.Hosting;

public enum StorageProvider
{
    /// <summary>One file in the data directory: the embedded default.</summary>
    Sqlite = 0,
}
