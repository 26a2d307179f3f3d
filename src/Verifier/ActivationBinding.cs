using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace IsvLicensing.Verifier;

/// <summary>Whether a license's activation binding names the place an application runs.</summary>
internal static class ActivationBinding
{
    public static bool Matches(string expected, string bound)
    {
        if (string.Equals(expected, bound, StringComparison.Ordinal))
        {
            return true;
        }

        // One address has many spellings (IPv6 zero compression, letter case); compare the addresses.
        if (TryParseAddress(expected, out var expectedAddress) && TryParseAddress(bound, out var boundAddress))
        {
            return expectedAddress.Equals(boundAddress);
        }

        if (Guid.TryParseExact(expected, "D", out var expectedGuid) && Guid.TryParseExact(bound, "D", out var boundGuid))
        {
            return expectedGuid == boundGuid;
        }

        // Host names are case-insensitive and may be written fully qualified, with a final dot.
        return IsHostName(expected) && IsHostName(bound)
            && string.Equals(expected.TrimEnd('.'), bound.TrimEnd('.'), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// IPv6 text or a dotted quad only: IPAddress.TryParse also reads "10" or "0x7f.1" as addresses, which
    /// would let a bare number match an address nobody wrote.
    /// </summary>
    private static bool TryParseAddress(string value, [NotNullWhen(true)] out IPAddress? address)
    {
        address = null;
        var isIpv6 = value.Contains(':', StringComparison.Ordinal);
        var isDottedQuad = value.Split('.') is { Length: 4 } parts && parts.All(p => p.Length is >= 1 and <= 3 && p.All(char.IsAsciiDigit));
        return (isIpv6 || isDottedQuad) && IPAddress.TryParse(value, out address);
    }

    private static bool IsHostName(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-');
}
