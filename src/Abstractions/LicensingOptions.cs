namespace Orleans.Licensing;

/// <summary>Settings under <c>Licensing</c> that both hosts read.</summary>
public sealed class LicensingOptions
{
    public const string Section = "Licensing";

    /// <summary>Where the embedded default keeps its SQLite file and the Development signing key.</summary>
    public string DataDirectory { get; set; } = "data";

    public string ResolveDataDirectory() => Path.GetFullPath(DataDirectory);
}
