using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Orleans.Licensing.Catalog;

public static partial class ActivationDataRules
{
    /// <summary>Null when <paramref name="value"/> suits the product; otherwise what is wrong with it.</summary>
    public static string? Check(Product product, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return product.ActivationRequired ? "ACTIVATION_DATA is required for this product and is missing" : null;
        }

        var valid = product.ActivationKind switch
        {
            ActivationKind.IpAddress => IsIpAddress(value),
            ActivationKind.Domain => value.Length <= 253 && DomainPattern().IsMatch(value),
            // TryParseExact trims whitespace; a bound value must be exactly the 36 characters.
            ActivationKind.Guid => value.Length == 36 && System.Guid.TryParseExact(value, "D", out _),
            _ => true,
        };
        return valid
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"ACTIVATION_DATA is not a valid {Describe(product.ActivationKind)}");
    }

    /// <summary>
    /// Dotted-quad IPv4 or IPv6 text only: IPAddress.TryParse also takes legacy forms ("10.1", "0x7f.0.0.1",
    /// a bare number) that would bind a license to an address nobody wrote.
    /// </summary>
    private static bool IsIpAddress(string value)
    {
        if (value.Contains(':', StringComparison.Ordinal))
        {
            return !value.Any(char.IsWhiteSpace)
                && IPAddress.TryParse(value, out var v6)
                && v6.AddressFamily == AddressFamily.InterNetworkV6;
        }

        return Ipv4Pattern().IsMatch(value) && IPAddress.TryParse(value, out _);
    }

    private static string Describe(ActivationKind kind) => kind switch
    {
        ActivationKind.IpAddress => "IP address",
        ActivationKind.Domain => "domain name",
        ActivationKind.Guid => "GUID",
        _ => "value",
    };

    // \z, not $: $ also matches before a final line break.
    [GeneratedRegex(@"\A([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex DomainPattern();

    [GeneratedRegex(@"\A(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv4Pattern();
}
