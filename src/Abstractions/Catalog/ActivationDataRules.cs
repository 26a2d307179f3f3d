using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Orleans.Licensing.Catalog;

public static partial class ActivationDataRules
{
    /// <summary>Null when <paramref name="value"/> suits the product; otherwise what is wrong with it.</summary>
    public static string? Check(ProductOptions product, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return product.ActivationRequired ? "ACTIVATION_DATA is required for this product and is missing" : null;
        }

        var valid = product.ActivationKind switch
        {
            ActivationKind.IpAddress => IPAddress.TryParse(value, out _) && !value.Contains(' ', StringComparison.Ordinal),
            ActivationKind.Domain => IsDomain(value),
            ActivationKind.Guid => System.Guid.TryParseExact(value, "D", out _),
            _ => true,
        };
        return valid
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"ACTIVATION_DATA is not a valid {Describe(product.ActivationKind)}");
    }

    private static bool IsDomain(string value) => value.Length <= 253 && DomainPattern().IsMatch(value);

    private static string Describe(ActivationKind kind) => kind switch
    {
        ActivationKind.IpAddress => "IP address",
        ActivationKind.Domain => "domain name",
        ActivationKind.Guid => "GUID",
        _ => "value",
    };

    [GeneratedRegex(@"^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex DomainPattern();
}
