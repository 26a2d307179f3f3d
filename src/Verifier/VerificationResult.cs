namespace IsvLicensing.Verifier;

/// <summary>
/// What verifying a body found. <see cref="Claims"/> is set whenever the signature holds, even when a policy
/// check then failed, so an application can say why (an expired license still tells when it expired).
/// </summary>
public sealed record VerificationResult(VerificationFailure Failure, string? KeyId = null, LicenseClaims? Claims = null)
{
    public bool IsValid => Failure == VerificationFailure.None;

    /// <summary>Why the check failed, in words for a log or a support ticket; null when valid.</summary>
    public string? Detail { get; init; }

    /// <summary>Valid only thanks to the policy's grace period: the license has expired, the application should warn.</summary>
    public bool InGracePeriod { get; init; }

    /// <summary>
    /// How old the revocation document checked against was (null when the policy has none): a verifier that
    /// cannot reach the service keeps using its last copy, and says so with this.
    /// </summary>
    public TimeSpan? RevocationsAge { get; init; }

    /// <summary>The revocation document was past its announced next update: newer terminations may be missing from it.</summary>
    public bool RevocationsStale { get; init; }
}
