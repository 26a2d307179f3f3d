namespace IsvLicensing.Verifier;

/// <summary>Which check a license body failed; the first five concern the token, the rest the policy.</summary>
/// <remarks>Values are only ever appended: applications may have stored or logged the numbers.</remarks>
public enum VerificationFailure
{
    None = 0,

    /// <summary>Not a JWS compact token: three base64url parts and a JSON header.</summary>
    Malformed = 1,

    /// <summary>The header's <c>alg</c> is not <c>EdDSA</c>.</summary>
    UnsupportedAlgorithm = 2,

    /// <summary>The header has no <c>kid</c>, or the key set has no key by that id.</summary>
    UnknownKey = 3,

    /// <summary>The signature does not verify with the key its <c>kid</c> names.</summary>
    BadSignature = 4,

    /// <summary>Well signed, but the payload is not license claims.</summary>
    BadClaims = 5,

    /// <summary>The license's <c>exp</c>, plus the policy's grace period, has passed.</summary>
    Expired = 6,

    /// <summary>The license's start date (<c>nbf</c>) has not come yet.</summary>
    NotYetValid = 7,

    /// <summary>The <c>iss</c> claim is not the issuer the policy expects.</summary>
    WrongIssuer = 8,

    /// <summary>The license is for a product the policy does not accept.</summary>
    WrongProduct = 9,

    /// <summary>The license is of an edition the policy does not accept.</summary>
    WrongEdition = 10,

    /// <summary>A test license (KA's test mode) under a policy that refuses them.</summary>
    TestLicenseRefused = 11,

    /// <summary>The license is bound (ACTIVATION_DATA) to something other than where the application runs, or to nothing.</summary>
    ActivationMismatch = 12,

    /// <summary>The license lacks a feature the policy requires, or turns it off.</summary>
    MissingFeature = 13,

    /// <summary>KA terminated the license: the policy's revocation document (B.13) lists it.</summary>
    Revoked = 14,
}
