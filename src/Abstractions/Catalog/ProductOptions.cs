namespace Orleans.Licensing.Catalog;

/// <summary>One sales option (KA's PRODUCT_ID) as configuration states it; the rules read it as a <see cref="Product"/>.</summary>
public sealed class ProductOptions
{
    public string Edition { get; set; } = "";

    /// <summary>Features and limits copied into every body; values that read as integers or booleans are written as such.</summary>
    public Dictionary<string, string> Features { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Products a license of this one may be upgraded (or downgraded) to.</summary>
    public List<string> UpgradableTo { get; set; } = [];

    /// <summary>2 = standard, 3 = with reporting (GET-INFO).</summary>
    public int ProtocolModel { get; set; } = 2;

    /// <summary>Usage counter names, in the order GET-INFO lists them (model 3).</summary>
    public List<string> Counters { get; set; } = [];

    public bool ActivationRequired { get; set; }

    public ActivationKind ActivationKind { get; set; } = ActivationKind.Any;
}
