namespace IsvLicensing.Verifier;

/// <summary>
/// What an application accepts beyond a good signature. Empty collections and null values are not checked;
/// the defaults accept any product, edition and issuer, refuse test licenses and allow no grace.
/// </summary>
public sealed record VerificationPolicy
{
    /// <summary>The clock expiry and start are checked against; a fake one in tests.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// How long after <c>exp</c> a license is still accepted (with <see cref="VerificationResult.InGracePeriod"/>
    /// set), so a renewal that KA delivers a little late does not stop the application.
    /// </summary>
    public TimeSpan GracePeriod { get; init; } = TimeSpan.Zero;

    /// <summary>The PRODUCT_IDs accepted (any of them), compared exactly.</summary>
    public IReadOnlyCollection<string> Products { get; init; } = [];

    /// <summary>The editions accepted (any of them), compared exactly.</summary>
    public IReadOnlyCollection<string> Editions { get; init; } = [];

    /// <summary>Features the license must name, each with a value other than <c>false</c>.</summary>
    public IReadOnlyCollection<string> RequiredFeatures { get; init; } = [];

    /// <summary>
    /// Whether licenses issued in KA's test mode are accepted. Off by default: a test purchase costs nothing,
    /// so a production application should not run on one.
    /// </summary>
    public bool AllowTestLicenses { get; init; }

    /// <summary>
    /// Where the application runs (a domain, an IP address, a GUID): the license's <c>activation</c> binding
    /// must name it. Set it only for products sold with ACTIVATION_DATA; an unbound license then fails.
    /// </summary>
    public string? Activation { get; init; }

    /// <summary>The <c>iss</c> the license must carry (the service's <c>Licensing:Signing:Issuer</c>).</summary>
    public string? Issuer { get; init; }

    /// <summary>
    /// The service's revocation document (B.13), already verified (<see cref="RevocationList.Verify(string, LicenseKeySet, string?)"/>,
    /// or kept fresh by a <see cref="RevocationListFetcher"/>): a license it lists fails with
    /// <see cref="VerificationFailure.Revoked"/> from its termination date on. Null: not checked.
    /// </summary>
    public RevocationList? Revocations { get; init; }
}
