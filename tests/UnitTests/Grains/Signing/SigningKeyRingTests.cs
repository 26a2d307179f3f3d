using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using IsvLicensing.Verifier;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NSec.Cryptography;
using Orleans.Licensing.Hosting;
using Orleans.Licensing.Signing;

namespace Orleans.Licensing.UnitTests;

public sealed class SigningKeyRingTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "licensing-unit-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    [Fact]
    public void Sign_then_verify_round_trips_the_claims()
    {
        using var ring = TestKeys.Ring();
        var claims = TestKeys.SampleClaims();

        var result = ring.Verify(ring.Sign(claims.ToJson()));

        Assert.True(result.IsValid, result.Failure.ToString());
        Assert.Equal(ring.ActiveKeyId, result.KeyId);
        TestKeys.AssertSameClaims(claims, result.Claims);
    }

    [Fact]
    public void A_token_is_three_base64url_parts_with_an_EdDSA_JWT_header_naming_the_key()
    {
        using var ring = TestKeys.Ring();
        var payload = TestKeys.SampleClaims().ToJson();

        var token = Encoding.ASCII.GetString(ring.Sign(payload));

        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        Assert.All(parts, part => Assert.Matches("^[A-Za-z0-9_-]+$", part));
        using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
        Assert.Equal("EdDSA", header.RootElement.GetProperty("alg").GetString());
        Assert.Equal("JWT", header.RootElement.GetProperty("typ").GetString());
        Assert.Equal(ring.ActiveKeyId, header.RootElement.GetProperty("kid").GetString());
        Assert.Equal(payload, Base64Url.DecodeFromChars(parts[1]));
        Assert.Equal(64, Base64Url.DecodeFromChars(parts[2]).Length);
    }

    [Fact]
    public void The_signature_verifies_independently_over_the_header_and_payload()
    {
        using var ring = TestKeys.Ring();
        var token = Encoding.ASCII.GetString(ring.Sign(TestKeys.SampleClaims().ToJson()));
        var lastDot = token.LastIndexOf('.');
        var signingInput = Encoding.ASCII.GetBytes(token[..lastDot]);
        var signature = Base64Url.DecodeFromChars(token.AsSpan(lastDot + 1));
        var publicKey = PublicKeyFromJwks(ring.Published.ToJwks(), ring.ActiveKeyId);

        Assert.True(SignatureAlgorithm.Ed25519.Verify(publicKey, signingInput, signature));
        signingInput[^1] ^= 1;
        Assert.False(SignatureAlgorithm.Ed25519.Verify(publicKey, signingInput, signature));
    }

    [Fact]
    public void Signing_the_same_claims_twice_gives_identical_bytes()
    {
        using var ring = TestKeys.Ring();

        Assert.Equal(ring.Sign(TestKeys.SampleClaims().ToJson()), ring.Sign(TestKeys.SampleClaims().ToJson()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void A_tampered_byte_in_any_part_fails_verification(int part)
    {
        using var ring = TestKeys.Ring();
        var token = Encoding.ASCII.GetString(ring.Sign(TestKeys.SampleClaims().ToJson()));
        var parts = token.Split('.');
        var middle = parts[part].Length / 2;
        var replacement = parts[part][middle] == 'A' ? 'B' : 'A';
        parts[part] = string.Concat(parts[part].AsSpan(0, middle), replacement.ToString(), parts[part].AsSpan(middle + 1));

        var result = ring.Verify(Encoding.ASCII.GetBytes(string.Join('.', parts)));

        Assert.False(result.IsValid);
        Assert.Null(result.Claims);
        if (part == 1)
        {
            Assert.Equal(VerificationFailure.BadSignature, result.Failure);
        }
    }

    [Fact]
    public void A_tampered_payload_byte_is_a_bad_signature()
    {
        using var ring = TestKeys.Ring();
        var body = ring.Sign(TestKeys.SampleClaims().ToJson());
        var firstDot = Array.IndexOf(body, (byte)'.');
        var index = firstDot + 10;
        body[index] = body[index] == (byte)'A' ? (byte)'B' : (byte)'A';

        Assert.Equal(VerificationFailure.BadSignature, ring.Verify(body).Failure);
    }

    [Fact]
    public void A_token_of_a_key_that_is_not_published_is_an_unknown_key()
    {
        using var signer = TestKeys.Ring();
        using var other = TestKeys.Ring();

        var result = other.Verify(signer.Sign(TestKeys.SampleClaims().ToJson()));

        Assert.Equal(VerificationFailure.UnknownKey, result.Failure);
        Assert.Equal(signer.ActiveKeyId, result.KeyId);
    }

    [Fact]
    public void The_published_JWKS_holds_OKP_Ed25519_public_keys_only()
    {
        using var ring = TestKeys.Ring();

        using var jwks = JsonDocument.Parse(ring.Published.ToJwks());
        var key = Assert.Single(jwks.RootElement.GetProperty("keys").EnumerateArray());

        Assert.Equal("OKP", key.GetProperty("kty").GetString());
        Assert.Equal("Ed25519", key.GetProperty("crv").GetString());
        Assert.Equal(32, Base64Url.DecodeFromChars(key.GetProperty("x").GetString()).Length);
        Assert.Equal(ring.ActiveKeyId, key.GetProperty("kid").GetString());
        Assert.Equal("EdDSA", key.GetProperty("alg").GetString());
        Assert.Equal("sig", key.GetProperty("use").GetString());
        Assert.False(key.TryGetProperty("d", out _), "a JWKS must never carry the private key");
    }

    [Fact]
    public void A_key_set_read_back_from_the_JWKS_verifies_the_rings_tokens()
    {
        using var ring = TestKeys.Ring();
        var claims = TestKeys.SampleClaims();
        var keys = LicenseKeySet.FromJwks(ring.Published.ToJwks());

        var result = LicenseTokenVerifier.Verify(ring.Sign(claims.ToJson()), keys);

        Assert.True(result.IsValid, result.Failure.ToString());
        TestKeys.AssertSameClaims(claims, result.Claims);
    }

    [Fact]
    public void The_key_id_defaults_to_the_RFC_7638_thumbprint()
    {
        // RFC 8037 A.1 key; A.3 gives its thumbprint.
        using var ring = TestKeys.Ring(TestKeys.PemFromRaw(Base64Url.DecodeFromChars("nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A")));

        Assert.Equal("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k", ring.ActiveKeyId);
        using var jwks = JsonDocument.Parse(ring.Published.ToJwks());
        Assert.Equal("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo", jwks.RootElement.GetProperty("keys")[0].GetProperty("x").GetString());
    }

    [Fact]
    public void A_configured_Id_is_the_kid()
    {
        using var ring = TestKeys.Ring(id: "2016-03");

        Assert.Equal("2016-03", ring.ActiveKeyId);
        Assert.Equal("2016-03", ring.Verify(ring.Sign(TestKeys.SampleClaims().ToJson())).KeyId);
    }

    [Fact]
    public void The_issuer_comes_from_the_options()
    {
        using var ring = SigningKeyRing.Load(
            new SigningOptions { Issuer = "isv.example.org", Keys = { new SigningKeyOptions { PrivateKeyPem = TestKeys.NewPem() } } },
            new TestHostEnvironment(Environments.Production),
            Licensing());

        Assert.Equal("isv.example.org", ring.Issuer);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Outside_Development_a_ring_without_keys_refuses_to_load(string environment)
    {
        var e = TestKeys.Refusal(new SigningOptions(), new TestHostEnvironment(environment), Licensing());

        Assert.Contains("Licensing:Signing:Keys", e, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dataDirectory));
    }

    [Fact]
    public void Development_without_keys_generates_a_key_file_and_reuses_it()
    {
        string firstKeyId;
        byte[] token;
        using (var first = SigningKeyRing.Load(new SigningOptions(), new TestHostEnvironment(Environments.Development), Licensing()))
        {
            firstKeyId = first.ActiveKeyId;
            token = first.Sign(TestKeys.SampleClaims().ToJson());
        }

        var file = Path.Combine(_dataDirectory, SigningKeyRing.DevelopmentKeyFile);
        Assert.True(File.Exists(file));
        Assert.Contains("PRIVATE KEY", File.ReadAllText(file), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        using var second = SigningKeyRing.Load(new SigningOptions(), new TestHostEnvironment(Environments.Development), Licensing());

        Assert.Equal(firstKeyId, second.ActiveKeyId);
        Assert.True(second.Verify(token).IsValid);
    }

    [Fact]
    public void Development_with_configured_keys_uses_them_and_writes_no_file()
    {
        var pem = TestKeys.NewPem();
        using var expected = TestKeys.Ring(pem);

        using var ring = SigningKeyRing.Load(
            new SigningOptions { Keys = { new SigningKeyOptions { PrivateKeyPem = pem } } },
            new TestHostEnvironment(Environments.Development),
            Licensing());

        Assert.Equal(expected.ActiveKeyId, ring.ActiveKeyId);
        Assert.False(File.Exists(Path.Combine(_dataDirectory, SigningKeyRing.DevelopmentKeyFile)));
    }

    [Fact]
    public void A_key_can_come_from_a_file()
    {
        Directory.CreateDirectory(_dataDirectory);
        var file = Path.Combine(_dataDirectory, "signing.pem");
        var pem = TestKeys.NewPem();
        File.WriteAllText(file, pem);
        using var expected = TestKeys.Ring(pem);

        using var ring = SigningKeyRing.Load(
            new SigningOptions { Keys = { new SigningKeyOptions { PrivateKeyFile = file } } }, new TestHostEnvironment(Environments.Production), Licensing());

        Assert.Equal(expected.ActiveKeyId, ring.ActiveKeyId);
    }

    [Fact]
    public void Two_private_keys_without_ActiveKeyId_are_refused()
    {
        var options = new SigningOptions
        {
            Keys = { new SigningKeyOptions { PrivateKeyPem = TestKeys.NewPem() }, new SigningKeyOptions { PrivateKeyPem = TestKeys.NewPem() } },
        };

        var e = TestKeys.Refusal(options, new TestHostEnvironment(Environments.Production), Licensing());

        Assert.Contains("Licensing:Signing:ActiveKeyId", e, StringComparison.Ordinal);
    }

    [Fact]
    public void With_two_private_keys_ActiveKeyId_picks_the_signer_and_both_are_published()
    {
        var options = new SigningOptions
        {
            ActiveKeyId = "new",
            Keys =
            {
                new SigningKeyOptions { Id = "old", PrivateKeyPem = TestKeys.NewPem() },
                new SigningKeyOptions { Id = "new", PrivateKeyPem = TestKeys.NewPem() },
            },
        };

        using var ring = SigningKeyRing.Load(options, new TestHostEnvironment(Environments.Production), Licensing());

        Assert.Equal("new", ring.ActiveKeyId);
        Assert.Equal(["new", "old"], ring.Published.Keys.Select(k => k.KeyId).Order(StringComparer.Ordinal));
        Assert.Equal("new", ring.Verify(ring.Sign(TestKeys.SampleClaims().ToJson())).KeyId);
    }

    [Fact]
    public void An_ActiveKeyId_that_names_no_private_key_is_refused()
    {
        var options = new SigningOptions { ActiveKeyId = "missing", Keys = { new SigningKeyOptions { PrivateKeyPem = TestKeys.NewPem() } } };

        var e = TestKeys.Refusal(options, new TestHostEnvironment(Environments.Production), Licensing());

        Assert.Contains("missing", e, StringComparison.Ordinal);
    }

    [Fact]
    public void A_retired_public_key_is_published_and_verifies_old_tokens_while_the_active_key_signs_new_ones()
    {
        byte[] oldToken;
        string oldId;
        string oldX;
        using (var old = TestKeys.Ring())
        {
            oldToken = old.Sign(TestKeys.SampleClaims().ToJson());
            oldId = old.ActiveKeyId;
            using var jwks = JsonDocument.Parse(old.Published.ToJwks());
            oldX = jwks.RootElement.GetProperty("keys")[0].GetProperty("x").GetString()!;
        }

        var options = new SigningOptions
        {
            Keys =
            {
                new SigningKeyOptions { PrivateKeyPem = TestKeys.NewPem() },
                new SigningKeyOptions { Id = oldId, PublicKey = oldX },
            },
        };
        using var ring = SigningKeyRing.Load(options, new TestHostEnvironment(Environments.Production), Licensing());

        Assert.NotEqual(oldId, ring.ActiveKeyId);
        Assert.Equal(2, ring.Published.Keys.Count);
        Assert.NotNull(ring.Published.Find(oldId));
        var oldResult = ring.Verify(oldToken);
        Assert.True(oldResult.IsValid, oldResult.Failure.ToString());
        Assert.Equal(oldId, oldResult.KeyId);
        Assert.Equal(ring.ActiveKeyId, ring.Verify(ring.Sign(TestKeys.SampleClaims().ToJson())).KeyId);
        Assert.True(LicenseTokenVerifier.Verify(oldToken, LicenseKeySet.FromJwks(ring.Published.ToJwks())).IsValid);
    }

    [Fact]
    public void Only_a_public_key_is_not_enough_to_sign()
    {
        var x = Base64Url.EncodeToString(new byte[32]);
        var options = new SigningOptions { Keys = { new SigningKeyOptions { Id = "retired", PublicKey = x } } };

        var e = TestKeys.Refusal(options, new TestHostEnvironment(Environments.Production), Licensing());

        Assert.Contains("private key", e, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----", null, null)]
    [InlineData(null, "retired", "!!!")]
    [InlineData(null, null, "AAAA")]
    [InlineData(null, null, null)]
    public void A_key_entry_that_cannot_be_read_is_refused_naming_its_index(string? pem, string? id, string? publicKey)
    {
        var options = new SigningOptions
        {
            Keys = { new SigningKeyOptions { PrivateKeyPem = TestKeys.NewPem() }, new SigningKeyOptions { PrivateKeyPem = pem, Id = id, PublicKey = publicKey } },
        };

        var e = TestKeys.Refusal(options, new TestHostEnvironment(Environments.Production), Licensing());

        Assert.Contains("Licensing:Signing:Keys:1", e, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_key_file_is_refused()
    {
        var options = new SigningOptions { Keys = { new SigningKeyOptions { PrivateKeyFile = Path.Combine(_dataDirectory, "absent.pem") } } };

        var e = TestKeys.Refusal(options, new TestHostEnvironment(Environments.Production), Licensing());

        Assert.Contains("Licensing:Signing:Keys:0", e, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_keys_with_the_same_Id_are_refused()
    {
        var options = new SigningOptions
        {
            ActiveKeyId = "same",
            Keys = { new SigningKeyOptions { Id = "same", PrivateKeyPem = TestKeys.NewPem() }, new SigningKeyOptions { Id = "same", PrivateKeyPem = TestKeys.NewPem() } },
        };

        var e = TestKeys.Refusal(options, new TestHostEnvironment(Environments.Production), Licensing());

        Assert.Contains("same Id", e, StringComparison.Ordinal);
    }

    private LicensingOptions Licensing() => new() { DataDirectory = _dataDirectory };

    private static PublicKey PublicKeyFromJwks(string jwks, string kid)
    {
        using var document = JsonDocument.Parse(jwks);
        var key = document.RootElement.GetProperty("keys").EnumerateArray().Single(k => k.GetProperty("kid").GetString() == kid);
        return PublicKey.Import(SignatureAlgorithm.Ed25519, Base64Url.DecodeFromChars(key.GetProperty("x").GetString()), KeyBlobFormat.RawPublicKey);
    }
}
