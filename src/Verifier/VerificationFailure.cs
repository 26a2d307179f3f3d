namespace Orleans.Licensing.Verifier;

/// <summary>Which check a license body failed.</summary>
public enum VerificationFailure
{
    None = 0,
    Malformed = 1,
    UnsupportedAlgorithm = 2,
    UnknownKey = 3,
    BadSignature = 4,
    BadClaims = 5,
}
