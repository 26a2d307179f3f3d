using Orleans.Licensing.Licenses;

namespace Orleans.Licensing.Reporting;

/// <summary>One issuance as billing reads it from the history (<c>LicenseIssuances</c>).</summary>
public sealed record BilledPeriod(int Revision, IssuanceCause Cause, string ProductId, DateOnly StartDate, DateOnly ExpiryDate, DateTimeOffset IssuedAt)
{
    /// <summary>An UPGRADE keeps the period's dates but changes the product only from the day it was issued.</summary>
    public DateOnly EffectiveStart => Cause == IssuanceCause.Upgrade
        ? DateOnly.FromDateTime(IssuedAt.UtcDateTime) is var issued && issued > StartDate ? issued : StartDate
        : StartDate;
}
