using System.Buffers.Text;
using System.Text.Json;
using IsvLicensing.Verifier;
using NSec.Cryptography;

namespace Orleans.Licensing.UnitTests;

public sealed class LicenseKeySetTests
{
    [Fact]
    public void ToJwks_then_FromJwks_keeps_every_key_and_its_id()
    {
        using var a = Key.Create(SignatureAlgorithm.Ed25519);
        using var b = Key.Create(SignatureAlgorithm.Ed25519);
        var set = new LicenseKeySet([Ed25519PublicJwk.FromKey("a", a.PublicKey), Ed25519PublicJwk.FromKey("b", b.PublicKey)]);

        var read = LicenseKeySet.FromJwks(set.ToJwks());

        Assert.Equal(2, read.Keys.Count);
        Assert.Equal(a.PublicKey.Export(KeyBlobFormat.RawPublicKey), read.Find("a")!.Key.Export(KeyBlobFormat.RawPublicKey));
        Assert.Equal(b.PublicKey.Export(KeyBlobFormat.RawPublicKey), read.Find("b")!.Key.Export(KeyBlobFormat.RawPublicKey));
        Assert.Null(read.Find("c"));
    }

    [Fact]
    public void FromJwks_skips_keys_that_are_not_OKP_Ed25519()
    {
        using var key = Key.Create(SignatureAlgorithm.Ed25519);
        var x = Base64Url.EncodeToString(key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
        var jwks = $$"""
            {"keys":[
              {"kty":"RSA","kid":"rsa","n":"0vx7","e":"AQAB"},
              {"kty":"OKP","crv":"X25519","kid":"ecdh","x":"{{x}}"},
              {"kty":"OKP","crv":"Ed25519","x":"{{x}}"},
              {"kty":"OKP","crv":"Ed25519","kid":"good","x":"{{x}}"}
            ]}
            """;

        var set = LicenseKeySet.FromJwks(jwks);

        var only = Assert.Single(set.Keys);
        Assert.Equal("good", only.KeyId);
    }

    [Fact]
    public void An_empty_set_publishes_an_empty_key_list()
    {
        using var json = JsonDocument.Parse(new LicenseKeySet([]).ToJwks());

        Assert.Equal(0, json.RootElement.GetProperty("keys").GetArrayLength());
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("{\"keys\":{}}")]
    [InlineData("{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":5,\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}]}")]
    [InlineData("{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"k\",\"x\":\"not base64url!\"}]}")]
    [InlineData("{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"k\",\"x\":\"AAAA\"}]}")]
    [InlineData("{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"k\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"},{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"k\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}]}")]
    public void FromJwks_refuses_what_is_not_a_usable_JWKS_with_a_FormatException(string jwks)
    {
        Assert.Throws<FormatException>(() => LicenseKeySet.FromJwks(jwks));
    }

    [Fact]
    public void FromPublicKeys_takes_ids_and_base64url_raw_keys_as_the_JWKS_writes_them()
    {
        using var key = Key.Create(SignatureAlgorithm.Ed25519);
        var x = Base64Url.EncodeToString(key.PublicKey.Export(KeyBlobFormat.RawPublicKey));

        var set = LicenseKeySet.FromPublicKeys(("2016-a", x), ("2016-b", "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"));

        Assert.Equal(2, set.Keys.Count);
        Assert.Equal(key.PublicKey.Export(KeyBlobFormat.RawPublicKey), set.Find("2016-a")!.Key.Export(KeyBlobFormat.RawPublicKey));
        Assert.Throws<FormatException>(() => LicenseKeySet.FromPublicKeys(("short", "AAAA")));
    }
}
