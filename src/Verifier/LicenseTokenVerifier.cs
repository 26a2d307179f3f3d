using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using NSec.Cryptography;

namespace IsvLicensing.Verifier;

/// <summary>Checks a license body: a JWS compact token (RFC 7515) signed with EdDSA/Ed25519 (RFC 8037).</summary>
public static class LicenseTokenVerifier
{
    public static VerificationResult Verify(ReadOnlySpan<byte> body, LicenseKeySet keys)
    {
        var signed = VerifySignature(body, keys, out var payload);
        if (!signed.IsValid)
        {
            return signed;
        }

        return LicenseClaims.TryParse(payload) is { } claims
            ? signed with { Claims = claims }
            : new(VerificationFailure.BadClaims, signed.KeyId);
    }

    /// <summary>The token checks alone (form, alg, kid, signature), for any payload signed like the bodies.</summary>
    internal static VerificationResult VerifySignature(ReadOnlySpan<byte> body, LicenseKeySet keys, out byte[] payload)
    {
        payload = [];
        var dot1 = body.IndexOf((byte)'.');
        var dot2 = dot1 < 0 ? -1 : body[(dot1 + 1)..].IndexOf((byte)'.');
        if (dot1 <= 0 || dot2 <= 0)
        {
            return new(VerificationFailure.Malformed);
        }

        dot2 += dot1 + 1;
        var signingInput = body[..dot2];
        if (!TryDecode(body[..dot1], out var header)
            || !TryDecode(body[(dot1 + 1)..dot2], out payload)
            || !TryDecode(body[(dot2 + 1)..], out var signature))
        {
            return new(VerificationFailure.Malformed);
        }

        string? alg;
        string? kid;
        try
        {
            using var document = JsonDocument.Parse(header);
            alg = document.RootElement.TryGetProperty("alg", out var a) ? a.GetString() : null;
            kid = document.RootElement.TryGetProperty("kid", out var k) ? k.GetString() : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return new(VerificationFailure.Malformed);
        }

        if (alg != "EdDSA")
        {
            return new(VerificationFailure.UnsupportedAlgorithm, kid);
        }

        if (kid is null || keys.Find(kid) is not { } key)
        {
            return new(VerificationFailure.UnknownKey, kid);
        }

        if (!SignatureAlgorithm.Ed25519.Verify(key.Key, signingInput, signature))
        {
            return new(VerificationFailure.BadSignature, kid);
        }

        return new(VerificationFailure.None, kid);
    }

    private static bool TryDecode(ReadOnlySpan<byte> part, out byte[] decoded)
    {
        decoded = [];
        if (part.IsEmpty || !Base64Url.IsValid(part))
        {
            return false;
        }

        decoded = Base64Url.DecodeFromUtf8(part);
        return true;
    }

    /// <summary>Encodes a header as the signer does; shared so both sides agree on one form.</summary>
    public static byte[] EncodeHeader(string keyId) =>
        Encoding.UTF8.GetBytes(Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
            $$"""{"alg":"EdDSA","typ":"JWT","kid":{{JsonSerializer.Serialize(keyId)}}}""")));
}
