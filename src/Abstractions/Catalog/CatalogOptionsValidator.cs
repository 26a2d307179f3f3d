using Microsoft.Extensions.Options;

namespace Orleans.Licensing.Catalog;

/// <summary>Refuses to start on a catalog KA could not be served from.</summary>
public sealed class CatalogOptionsValidator : IValidateOptions<CatalogOptions>
{
    public ValidateOptionsResult Validate(string? name, CatalogOptions options)
    {
        var errors = new List<string>();
        if (options.Products.Count == 0)
        {
            errors.Add($"{CatalogOptions.Section}:Products is empty: configure at least one product.");
        }

        foreach (var (id, product) in options.Products)
        {
            var where = $"{CatalogOptions.Section}:Products:{id}";
            if (id.Length is 0 or > 30)
            {
                errors.Add($"{where}: a PRODUCT_ID has 1 to 30 characters.");
            }

            if (string.IsNullOrWhiteSpace(product.Edition))
            {
                errors.Add($"{where}:Edition is missing.");
            }

            if (product.ProtocolModel is not (2 or 3))
            {
                errors.Add($"{where}:ProtocolModel is {product.ProtocolModel}; it must be 2 or 3.");
            }

            if (product.ProtocolModel == 3 && product.Counters.Count == 0)
            {
                errors.Add($"{where}:Counters is empty: a model 3 product reports at least one counter.");
            }

            if (product.Counters.Distinct(StringComparer.Ordinal).Count() != product.Counters.Count
                || product.Counters.Any(string.IsNullOrWhiteSpace))
            {
                errors.Add($"{where}:Counters has an empty or repeated name.");
            }

            foreach (var target in product.UpgradableTo.Where(t => !options.Products.ContainsKey(t)))
            {
                errors.Add($"{where}:UpgradableTo names '{target}', which is not in the catalog.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
