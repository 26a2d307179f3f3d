using System.Buffers.Text;
using System.Text;
using CsCheck;
using IsvLicensing.Verifier;
using Orleans.Licensing.Signing;

namespace Orleans.Licensing.UnitTests;

public sealed class LicenseTokenVerifierTests : IDisposable
{
    private readonly SigningKeyRing _ring = TestKeys.Ring();

    public void Dispose() => _ring.Dispose();

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("a.b")]
    [InlineData(".a.b")]
    [InlineData("a..b")]
    [InlineData("a.b.")]
    [InlineData("!!!!.abcd.abcd")]
    [InlineData("abcd.ab+d.abcd")]
    [InlineData("abcd.abcd.ab/d")]
    public void What_is_not_three_base64url_parts_is_malformed(string body)
    {
        var result = LicenseTokenVerifier.Verify(Encoding.ASCII.GetBytes(body), _ring.Published);

        Assert.Equal(VerificationFailure.Malformed, result.Failure);
        Assert.False(result.IsValid);
        Assert.Null(result.Claims);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("\"EdDSA\"")]
    [InlineData("{\"alg\":5}")]
    public void A_header_that_is_not_a_JSON_object_with_string_members_is_malformed(string header)
    {
        Assert.Equal(VerificationFailure.Malformed, LicenseTokenVerifier.Verify(Token(header, "{}", new byte[64]), _ring.Published).Failure);
    }

    [Theory]
    [InlineData("{\"alg\":\"none\",\"kid\":\"k\"}")]
    [InlineData("{\"alg\":\"HS256\",\"kid\":\"k\"}")]
    [InlineData("{\"alg\":\"eddsa\",\"kid\":\"k\"}")]
    [InlineData("{\"kid\":\"k\"}")]
    public void An_algorithm_other_than_EdDSA_is_unsupported(string header)
    {
        Assert.Equal(VerificationFailure.UnsupportedAlgorithm, LicenseTokenVerifier.Verify(Token(header, "{}", new byte[64]), _ring.Published).Failure);
    }

    [Fact]
    public void The_RFC_8037_example_token_has_no_kid_so_its_key_is_unknown()
    {
        const string Rfc8037A4 = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";

        var result = LicenseTokenVerifier.Verify(Encoding.ASCII.GetBytes(Rfc8037A4), _ring.Published);

        Assert.Equal(VerificationFailure.UnknownKey, result.Failure);
        Assert.Null(result.KeyId);
    }

    [Fact]
    public void A_kid_not_in_the_key_set_is_an_unknown_key()
    {
        var result = LicenseTokenVerifier.Verify(Token("{\"alg\":\"EdDSA\",\"kid\":\"someone-else\"}", "{}", new byte[64]), _ring.Published);

        Assert.Equal(VerificationFailure.UnknownKey, result.Failure);
        Assert.Equal("someone-else", result.KeyId);
    }

    [Fact]
    public void A_signature_of_the_wrong_length_is_a_bad_signature()
    {
        var header = Encoding.UTF8.GetString(Base64Url.DecodeFromUtf8(LicenseTokenVerifier.EncodeHeader(_ring.ActiveKeyId)));

        Assert.Equal(VerificationFailure.BadSignature, LicenseTokenVerifier.Verify(Token(header, "{}", new byte[63]), _ring.Published).Failure);
    }

    [Fact]
    public void A_signature_by_another_key_under_our_kid_is_a_bad_signature()
    {
        using var impostor = TestKeys.Ring(id: _ring.ActiveKeyId);

        var result = _ring.Verify(impostor.Sign(TestKeys.SampleClaims().ToJson()));

        Assert.Equal(VerificationFailure.BadSignature, result.Failure);
        Assert.Null(result.Claims);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("[1,2,3]")]
    [InlineData("4 8 15 16 23 42")]
    public void A_well_signed_payload_that_is_not_license_claims_is_bad_claims(string payload)
    {
        var result = _ring.Verify(_ring.Sign(Encoding.UTF8.GetBytes(payload)));

        Assert.Equal(VerificationFailure.BadClaims, result.Failure);
        Assert.Equal(_ring.ActiveKeyId, result.KeyId);
        Assert.Null(result.Claims);
    }

    [Fact]
    public void EncodeHeader_escapes_the_key_id_as_a_JSON_string()
    {
        var header = Encoding.UTF8.GetString(Base64Url.DecodeFromUtf8(LicenseTokenVerifier.EncodeHeader("a\"b")));

        Assert.Equal("{\"alg\":\"EdDSA\",\"typ\":\"JWT\",\"kid\":\"a\\u0022b\"}", header);
    }

    [Fact]
    public void Property_verify_never_throws_and_accepts_nothing_unsigned()
    {
        var headers = Gen.OneOfConst(
            "{\"alg\":\"EdDSA\",\"kid\":\"" + _ring.ActiveKeyId + "\"}",
            "{\"alg\":\"EdDSA\",\"kid\":5}",
            "{\"alg\":\"EdDSA\",\"kid\":null}",
            "{\"alg\":[],\"kid\":\"x\"}",
            "{\"alg\":\"EdDSA\",\"kid\":\"x\",\"alg\":\"none\"}",
            "{\"alg\":\"EdDSA\"",
            new string('[', 100) + new string(']', 100),
            "\uFEFF{}");
        var part = Gen.Frequency(
            (3, Gen.Byte.Array[0, 80].Select(b => Base64Url.EncodeToString(b))),
            (1, headers.Select(h => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(h)))),
            (1, Gen.Byte.Array[1, 20].Select(b => Base64Url.EncodeToString([.. "{\"alg\":\"EdDSA\",\"kid\":\""u8, .. b, .. "\"}"u8]))),
            (1, Gen.String[Gen.Char["ABCxyz019_-.= \u00e9"], 0, 20]));
        var tokens = Gen.Frequency(
            (4, Gen.Select(part, part, part, (h, p, s) => Encoding.UTF8.GetBytes($"{h}.{p}.{s}"))),
            (1, Gen.Byte.Array[0, 120]));

        tokens.Sample(
            body =>
            {
                VerificationResult? result = null;
                var exception = Record.Exception(() => result = LicenseTokenVerifier.Verify(body, _ring.Published));

                Assert.Null(exception);
                Assert.False(result!.IsValid);
                Assert.Null(result.Claims);
            },
            iter: 3_000);
    }

    [Fact]
    public void Property_any_payload_signed_by_the_ring_verifies_or_is_bad_claims_without_throwing()
    {
        var valid = TestKeys.SampleClaims().ToJson();
        // Never empty: the service always signs a JSON object, and an empty payload part is malformed.
        var payloads = Gen.Frequency(
            (1, Gen.Byte.Array[1, 64]),
            (2, Gen.Select(Gen.Int[0, valid.Length - 1], Gen.Byte, (i, b) =>
            {
                var copy = (byte[])valid.Clone();
                copy[i] = b;
                return copy;
            })));

        payloads.Sample(
            payload =>
            {
                VerificationResult? result = null;
                var exception = Record.Exception(() => result = _ring.Verify(_ring.Sign(payload)));

                Assert.Null(exception);
                Assert.True(result!.Failure is VerificationFailure.None or VerificationFailure.BadClaims, result.Failure.ToString());
                Assert.Equal(result.IsValid, result.Claims is not null);
            },
            iter: 2_000);
    }

    private static byte[] Token(string header, string payload, byte[] signature) => Encoding.ASCII.GetBytes(
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header)) + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload)) + "." + Base64Url.EncodeToString(signature));
}
