namespace IsvLicensing.Verifier;

/// <summary>One entry of a revocation document: a license KA terminated (its PURCHASE_ID, the JWT <c>sub</c>) and the date it did.</summary>
public sealed record RevokedLicense(string PurchaseId, DateOnly TerminatedOn)
{
    /// <summary>The first moment the license is refused: its termination date, midnight UTC.</summary>
    public DateTimeOffset RevokedFrom => new(TerminatedOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
