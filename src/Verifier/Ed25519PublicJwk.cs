using System.Buffers.Text;
using System.Text.Json;
using NSec.Cryptography;

namespace IsvLicensing.Verifier;

/// <summary>An Ed25519 public key as an OKP JSON Web Key (RFC 8037).</summary>
public sealed class Ed25519PublicJwk
{
    private Ed25519PublicJwk(string keyId, PublicKey key)
    {
        KeyId = keyId;
        Key = key;
    }

    public string KeyId { get; }

    public PublicKey Key { get; }

    public static Ed25519PublicJwk FromRaw(string keyId, ReadOnlySpan<byte> rawPublicKey) =>
        new(keyId, PublicKey.Import(SignatureAlgorithm.Ed25519, rawPublicKey, KeyBlobFormat.RawPublicKey));

    /// <summary>A key as a JWK's <c>x</c> or the service's <c>Licensing:Signing:Keys:N:PublicKey</c> writes it: the raw key, base64url.</summary>
    /// <exception cref="FormatException"><paramref name="x"/> is not 32 bytes of base64url.</exception>
    public static Ed25519PublicJwk FromBase64Url(string keyId, string x)
    {
        ArgumentNullException.ThrowIfNull(x);
        byte[] raw;
        try
        {
            raw = Base64Url.DecodeFromChars(x);
        }
        catch (FormatException e)
        {
            throw new FormatException($"key '{keyId}': x is not base64url.", e);
        }

        if (raw.Length != 32)
        {
            throw new FormatException($"key '{keyId}': an Ed25519 public key has 32 bytes, x has {raw.Length}.");
        }

        return FromRaw(keyId, raw);
    }

    public static Ed25519PublicJwk FromKey(string keyId, PublicKey key) => new(keyId, key);

    /// <summary>The RFC 7638 thumbprint: a key id that anyone can recompute from the key itself.</summary>
    public static string Thumbprint(PublicKey key)
    {
        var x = Base64Url.EncodeToString(key.Export(KeyBlobFormat.RawPublicKey));
        var canonical = $$"""{"crv":"Ed25519","kty":"OKP","x":"{{x}}"}""";
        return Base64Url.EncodeToString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(canonical)));
    }

    public void WriteTo(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("kty", "OKP");
        json.WriteString("crv", "Ed25519");
        json.WriteString("x", Base64Url.EncodeToString(Key.Export(KeyBlobFormat.RawPublicKey)));
        json.WriteString("kid", KeyId);
        json.WriteString("use", "sig");
        json.WriteString("alg", "EdDSA");
        json.WriteEndObject();
    }
}
