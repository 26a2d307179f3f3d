namespace Orleans.Licensing.Hosting;

/// <summary><c>Licensing:Storage</c>: where license grains persist.</summary>
public sealed class StorageSettings
{
    public const string Section = "Licensing:Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>Defaults to <c>licensing.db</c> in the data directory.</summary>
    public string? ConnectionString { get; set; }

    public string ResolveConnectionString(LicensingOptions licensing) =>
        ConnectionString is { Length: > 0 } configured
            ? configured
            : $"Data Source={Path.Combine(licensing.ResolveDataDirectory(), "licensing.db")};Default Timeout=5";
}
