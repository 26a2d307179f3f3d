using System.Text.Json;

namespace IsvLicensing.Verifier;

/// <summary>The public keys a license body may be signed with, by key id.</summary>
public sealed class LicenseKeySet
{
    private readonly Dictionary<string, Ed25519PublicJwk> _keys;

    public LicenseKeySet(IEnumerable<Ed25519PublicJwk> keys) =>
        _keys = keys.ToDictionary(k => k.KeyId, StringComparer.Ordinal);

    public IReadOnlyCollection<Ed25519PublicJwk> Keys => _keys.Values;

    public Ed25519PublicJwk? Find(string keyId) => _keys.GetValueOrDefault(keyId);

    /// <summary>The published keys, embedded in an application instead of fetched: key id and base64url raw key each.</summary>
    /// <exception cref="FormatException">A key is not 32 bytes of base64url.</exception>
    public static LicenseKeySet FromPublicKeys(params IEnumerable<(string KeyId, string X)> keys) =>
        new(keys.Select(k => Ed25519PublicJwk.FromBase64Url(k.KeyId, k.X)));

    /// <summary>Reads a JWKS document; keys that are not OKP/Ed25519 are skipped.</summary>
    /// <exception cref="FormatException">The document is not a JWKS, or an Ed25519 key in it is broken.</exception>
    public static LicenseKeySet FromJwks(string jwks)
    {
        try
        {
            using var document = JsonDocument.Parse(jwks);
            var keys = new List<Ed25519PublicJwk>();
            foreach (var key in document.RootElement.GetProperty("keys").EnumerateArray())
            {
                if (key.TryGetProperty("kty", out var kty) && kty.ValueKind == JsonValueKind.String && kty.GetString() == "OKP"
                    && key.TryGetProperty("crv", out var crv) && crv.ValueKind == JsonValueKind.String && crv.GetString() == "Ed25519"
                    && key.TryGetProperty("kid", out var kid) && key.TryGetProperty("x", out var x))
                {
                    keys.Add(Ed25519PublicJwk.FromBase64Url(kid.GetString()!, x.GetString()!));
                }
            }

            return new LicenseKeySet(keys);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            // One exception type for "this is not a usable JWKS", whatever part of it was wrong.
            throw new FormatException($"not a JWKS document of Ed25519 keys: {e.Message}", e);
        }
    }

    public string ToJwks()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("keys");
            foreach (var key in _keys.Values)
            {
                key.WriteTo(json);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
