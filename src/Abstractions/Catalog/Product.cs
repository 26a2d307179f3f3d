using System.Collections.Frozen;

namespace Orleans.Licensing.Catalog;

/// <summary>
/// One sales option (KA's PRODUCT_ID) as the rules read it (B.8): immutable, made once from its
/// <see cref="ProductOptions"/> when the catalog is built.
/// </summary>
public sealed record Product(
    string Id,
    string Edition,
    IReadOnlyDictionary<string, string> Features,
    IReadOnlySet<string> UpgradableTo,
    int ProtocolModel,
    IReadOnlyList<string> Counters,
    bool ActivationRequired,
    ActivationKind ActivationKind)
{
    /// <summary>Model 3: usage counters and GET-INFO (A.2).</summary>
    public bool IsReportable => ProtocolModel == 3;

    public static Product From(string id, ProductOptions options) => new(
        id,
        options.Edition,
        options.Features.ToFrozenDictionary(StringComparer.Ordinal),
        options.UpgradableTo.ToFrozenSet(StringComparer.Ordinal),
        options.ProtocolModel,
        [.. options.Counters],
        options.ActivationRequired,
        options.ActivationKind);
}
