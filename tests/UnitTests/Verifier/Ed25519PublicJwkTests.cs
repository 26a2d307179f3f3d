using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using IsvLicensing.Verifier;
using NSec.Cryptography;

namespace Orleans.Licensing.UnitTests;

public sealed class Ed25519PublicJwkTests
{
    // RFC 8037 appendix A.1 (key) and A.3 (its RFC 7638 thumbprint).
    private const string RfcPrivateD = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A";
    private const string RfcPublicX = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
    private const string RfcThumbprint = "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k";

    [Fact]
    public void Thumbprint_matches_the_RFC_8037_test_vector()
    {
        var jwk = Ed25519PublicJwk.FromRaw("any", Base64Url.DecodeFromChars(RfcPublicX));

        Assert.Equal(RfcThumbprint, Ed25519PublicJwk.Thumbprint(jwk.Key));
    }

    [Fact]
    public void The_RFC_8037_private_key_has_the_RFC_public_key()
    {
        using var key = Key.Import(SignatureAlgorithm.Ed25519, Base64Url.DecodeFromChars(RfcPrivateD), KeyBlobFormat.RawPrivateKey);

        Assert.Equal(RfcPublicX, Base64Url.EncodeToString(key.PublicKey.Export(KeyBlobFormat.RawPublicKey)));
    }

    [Fact]
    public void Thumbprint_is_the_SHA_256_of_the_canonical_required_members()
    {
        using var key = Key.Create(SignatureAlgorithm.Ed25519);
        var x = Base64Url.EncodeToString(key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
        var canonical = "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"" + x + "\"}";

        Assert.Equal(Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))), Ed25519PublicJwk.Thumbprint(key.PublicKey));
    }

    [Fact]
    public void FromRaw_refuses_a_key_that_is_not_32_bytes()
    {
        Assert.ThrowsAny<Exception>(() => Ed25519PublicJwk.FromRaw("short", new byte[31]));
    }
}
