using Microsoft.Extensions.Options;

namespace Orleans.Licensing.Catalog;

/// <summary>The configured products, shared by the frontend (validation) and the silo (bodies, upgrade paths).</summary>
public sealed class ProductCatalog(IOptions<CatalogOptions> options)
{
    private readonly Dictionary<string, ProductOptions> _products = options.Value.Products;

    public ProductOptions? Find(string productId) => _products.GetValueOrDefault(productId);

    public IEnumerable<string> ProductIds => _products.Keys;
}
