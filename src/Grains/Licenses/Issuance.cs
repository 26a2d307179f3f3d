using IsvLicensing.Verifier;

namespace Orleans.Licensing.Licenses;

/// <summary>
/// One body the license issued, kept so that a repeated request gets the byte-identical answer.
/// Stored: primary constructor parameters are serialized by position, so only ever append new ones.
/// </summary>
[GenerateSerializer, Immutable, Alias("licensing.Issuance")]
public sealed record Issuance(
    int Revision,
    IssuanceCause Cause,
    string ProductId,
    bool TestMode,
    string? RegName,
    string? ActivationData,
    DateOnly? SubscriptionDate,
    DateOnly StartDate,
    DateOnly ExpiryDate,
    DateTimeOffset ExpiresAt,
    DateTimeOffset IssuedAt,
    string KeyId,
    byte[] Body)
{
    /// <summary>The cause a body issued for <paramref name="action"/> is stored with; null for the actions that issue none.</summary>
    public static IssuanceCause? CauseOf(LicenseAction action) => action switch
    {
        LicenseAction.Purchase => IssuanceCause.Purchase,
        LicenseAction.Renew => IssuanceCause.Renew,
        LicenseAction.Upgrade => IssuanceCause.Upgrade,
        _ => null,
    };

    public static Issuance From(LicenseClaims claims, IssuanceCause cause, string keyId, byte[] body) => new(
        claims.Revision,
        cause,
        // A catalog's product ids are few: a million licenses in memory share them rather than hold a copy each.
        string.Intern(claims.ProductId),
        claims.Test,
        claims.RegName,
        claims.Activation,
        claims.SubscriptionDate,
        claims.StartDate,
        claims.ExpiryDate,
        claims.ExpiresAt,
        claims.IssuedAt,
        keyId,
        body);
}
