namespace Orleans.Licensing.Catalog;

public sealed class CatalogOptions
{
    public const string Section = "Licensing:Catalog";

    /// <summary>Keyed by PRODUCT_ID, matched exactly.</summary>
    public Dictionary<string, ProductOptions> Products { get; set; } = new(StringComparer.Ordinal);
}
