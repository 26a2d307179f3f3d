using System.Globalization;

namespace IsvLicensing.Verifier;

/// <summary>
/// What an ISV application calls to decide whether it may run: the body's signature against the published
/// keys, then the <see cref="VerificationPolicy"/>. Immutable and thread-safe; build one at start and keep it.
/// </summary>
public sealed class LicenseVerifier
{
    public LicenseVerifier(LicenseKeySet keys, VerificationPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        Keys = keys;
        Policy = policy ?? new VerificationPolicy();
    }

    public LicenseKeySet Keys { get; }

    public VerificationPolicy Policy { get; }

    /// <summary>A verifier for the keys of a JWKS document (the service's <c>/.well-known/jwks.json</c>).</summary>
    /// <exception cref="FormatException">The document is not a JWKS.</exception>
    public static LicenseVerifier FromJwks(string jwks, VerificationPolicy? policy = null) =>
        new(LicenseKeySet.FromJwks(jwks), policy);

    /// <summary>Verifies a body as text; surrounding whitespace, such as a file's final line break, is ignored.</summary>
    public VerificationResult Verify(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Verify(System.Text.Encoding.UTF8.GetBytes(body));
    }

    /// <summary>Verifies a body as KA delivered it; surrounding whitespace is ignored.</summary>
    public VerificationResult Verify(ReadOnlySpan<byte> body)
    {
        var signed = LicenseTokenVerifier.Verify(body.Trim(" \t\r\n"u8), Keys);
        if (!signed.IsValid)
        {
            return signed with { Detail = DescribeTokenFailure(signed) };
        }

        var claims = signed.Claims!;
        var now = Policy.TimeProvider.GetUtcNow();
        var (failure, detail) = CheckPolicy(claims, now);
        var checkedRevocations = signed with
        {
            RevocationsAge = Policy.Revocations?.Age(now),
            RevocationsStale = Policy.Revocations?.IsStale(now) ?? false,
        };
        return failure == VerificationFailure.None
            ? checkedRevocations with { InGracePeriod = now >= claims.ExpiresAt }
            : checkedRevocations with { Failure = failure, Detail = detail };
    }

    // Identity before time: "this is not a license for this product" is the answer to act on,
    // whether or not the license has also expired.
    private (VerificationFailure Failure, string? Detail) CheckPolicy(LicenseClaims claims, DateTimeOffset now)
    {
        if (Policy.Issuer is { } issuer && !string.Equals(claims.Issuer, issuer, StringComparison.Ordinal))
        {
            return (VerificationFailure.WrongIssuer, $"issued by '{claims.Issuer}', expected '{issuer}'");
        }

        // A terminated license is refused whatever else it would have failed: it is the answer to act on.
        if (Policy.Revocations?.Find(claims, now) is { } revoked)
        {
            return (VerificationFailure.Revoked, string.Create(CultureInfo.InvariantCulture,
                $"license {revoked.PurchaseId} was terminated on {revoked.TerminatedOn:yyyy-MM-dd} (revocation document of {Format(Policy.Revocations.IssuedAt)})"));
        }

        if (Policy.Products.Count > 0 && !Policy.Products.Contains(claims.ProductId, StringComparer.Ordinal))
        {
            return (VerificationFailure.WrongProduct, $"product '{claims.ProductId}', expected {OneOf(Policy.Products)}");
        }

        if (Policy.Editions.Count > 0 && !Policy.Editions.Contains(claims.Edition, StringComparer.Ordinal))
        {
            return (VerificationFailure.WrongEdition, $"edition '{claims.Edition}', expected {OneOf(Policy.Editions)}");
        }

        if (claims.Test && !Policy.AllowTestLicenses)
        {
            return (VerificationFailure.TestLicenseRefused, "a test license (KA's test mode), and test licenses are not accepted");
        }

        if (Policy.Activation is { } activation)
        {
            if (claims.Activation is null)
            {
                return (VerificationFailure.ActivationMismatch, $"the license is bound to nothing, expected '{activation}'");
            }

            if (!ActivationBinding.Matches(activation, claims.Activation))
            {
                return (VerificationFailure.ActivationMismatch, $"bound to '{claims.Activation}', expected '{activation}'");
            }
        }

        foreach (var feature in Policy.RequiredFeatures)
        {
            if (!claims.Features.TryGetValue(feature, out var value))
            {
                return (VerificationFailure.MissingFeature, $"the license has no feature '{feature}'");
            }

            if (string.Equals(value, "false", StringComparison.OrdinalIgnoreCase))
            {
                return (VerificationFailure.MissingFeature, $"the license turns feature '{feature}' off");
            }
        }

        var notBefore = new DateTimeOffset(claims.StartDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        if (now < notBefore)
        {
            return (VerificationFailure.NotYetValid, $"valid from {Format(notBefore)}, now {Format(now)}");
        }

        // exp is the first moment the license is no longer valid (RFC 7519 4.1.4).
        var graceEnds = GraceEnds(claims.ExpiresAt, Policy.GracePeriod);
        if (now >= graceEnds)
        {
            return (VerificationFailure.Expired, Policy.GracePeriod > TimeSpan.Zero
                ? $"expired {Format(claims.ExpiresAt)}, grace ended {Format(graceEnds)}, now {Format(now)}"
                : $"expired {Format(claims.ExpiresAt)}, now {Format(now)}");
        }

        return (VerificationFailure.None, null);
    }

    /// <summary>
    /// <c>exp</c> plus the grace, held at the ends of <see cref="DateTimeOffset"/>'s range: a license that expires
    /// at the end of time (a body signed before dates were bounded can) stays valid rather than throwing.
    /// </summary>
    private static DateTimeOffset GraceEnds(DateTimeOffset expiresAt, TimeSpan grace)
    {
        if (grace > TimeSpan.Zero && grace > DateTimeOffset.MaxValue - expiresAt)
        {
            return DateTimeOffset.MaxValue;
        }

        if (grace < TimeSpan.Zero && grace < DateTimeOffset.MinValue - expiresAt)
        {
            return DateTimeOffset.MinValue;
        }

        return expiresAt + grace;
    }

    internal static string DescribeTokenFailure(VerificationResult result) => result.Failure switch
    {
        VerificationFailure.Malformed => "not a JWS compact token (three base64url parts with a JSON header)",
        VerificationFailure.UnsupportedAlgorithm => "the header's alg is not EdDSA",
        VerificationFailure.UnknownKey => result.KeyId is null
            ? "the header names no key (kid)"
            : $"key '{result.KeyId}' is not among the published keys",
        VerificationFailure.BadSignature => $"the signature does not verify with key '{result.KeyId}'",
        VerificationFailure.BadClaims => "the payload is not license claims",
        _ => result.Failure.ToString(),
    };

    private static string OneOf(IEnumerable<string> values) => string.Join(" or ", values.Select(v => $"'{v}'"));

    private static string Format(DateTimeOffset moment) =>
        moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
