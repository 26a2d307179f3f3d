using System.Collections.Frozen;
using Microsoft.Extensions.Options;

namespace Orleans.Licensing.Catalog;

/// <summary>The configured products: the silo checks requests against them (B.3) and signs what they say (B.8); the console lists them.</summary>
public sealed class ProductCatalog(IOptions<CatalogOptions> options)
{
    private readonly FrozenDictionary<string, Product> _products =
        options.Value.Products.ToFrozenDictionary(p => p.Key, p => Product.From(p.Key, p.Value), StringComparer.Ordinal);

    public Product? Find(string productId) => _products.GetValueOrDefault(productId);

    public IEnumerable<string> ProductIds => _products.Keys;
}
