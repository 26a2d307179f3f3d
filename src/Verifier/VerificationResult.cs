namespace Orleans.Licensing.Verifier;

public sealed record VerificationResult(VerificationFailure Failure, string? KeyId = null, LicenseClaims? Claims = null)
{
    public bool IsValid => Failure == VerificationFailure.None;
}
