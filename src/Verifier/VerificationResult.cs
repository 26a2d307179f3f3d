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
}
