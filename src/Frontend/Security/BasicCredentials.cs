using System.Text;

namespace Orleans.Licensing.Frontend.Security;

/// <summary>An HTTP Basic <c>Authorization</c> header (RFC 7617).</summary>
internal static class BasicCredentials
{
    /// <summary>False when the header is absent or not well-formed Basic credentials.</summary>
    public static bool TryParse(string? header, out string userName, out string password)
    {
        userName = password = "";
        const string Scheme = "Basic ";
        if (header is null || !header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var encoded = header.AsSpan(Scheme.Length).Trim();
        var buffer = new byte[encoded.Length];
        if (!Convert.TryFromBase64Chars(encoded, buffer, out var length))
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, 0, length);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return false;
        }

        userName = decoded[..colon];
        password = decoded[(colon + 1)..];
        return true;
    }
}
