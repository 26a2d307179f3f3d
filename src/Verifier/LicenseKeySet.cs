using System.Buffers.Text;
using System.Text.Json;

namespace Orleans.Licensing.Verifier;

/// <summary>The public keys a license body may be signed with, by key id.</summary>
public sealed class LicenseKeySet
{
    private readonly Dictionary<string, Ed25519PublicJwk> _keys;

    public LicenseKeySet(IEnumerable<Ed25519PublicJwk> keys) =>
        _keys = keys.ToDictionary(k => k.KeyId, StringComparer.Ordinal);

    public IReadOnlyCollection<Ed25519PublicJwk> Keys => _keys.Values;

    public Ed25519PublicJwk? Find(string keyId) => _keys.GetValueOrDefault(keyId);

    /// <summary>Reads a JWKS document; keys that are not OKP/Ed25519 are skipped.</summary>
    public static LicenseKeySet FromJwks(string jwks)
    {
        using var document = JsonDocument.Parse(jwks);
        var keys = new List<Ed25519PublicJwk>();
        foreach (var key in document.RootElement.GetProperty("keys").EnumerateArray())
        {
            if (key.TryGetProperty("kty", out var kty) && kty.GetString() == "OKP"
                && key.TryGetProperty("crv", out var crv) && crv.GetString() == "Ed25519"
                && key.TryGetProperty("kid", out var kid) && key.TryGetProperty("x", out var x))
            {
                keys.Add(Ed25519PublicJwk.FromRaw(kid.GetString()!, Base64Url.DecodeFromChars(x.GetString())));
            }
        }

        return new LicenseKeySet(keys);
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
