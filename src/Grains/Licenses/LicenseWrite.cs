
namespace Orleans.Licensing.Licenses;

/// <summary>
/// One change of one license: its next state and the history rows that record it. Storage applies all of it or
/// none: the state row only if it is still at <see cref="ExpectedVersion"/>, the history rows only with it.
/// </summary>
/// <param name="ExpectedVersion">The version the grain read or last wrote; 0 creates the license's row.</param>
/// <param name="Issued">The bodies this change issued, oldest first: none, one, or a restored body and the one issued on it.</param>
/// <param name="Audit">What changed and why: at least one entry.</param>
/// <param name="UsageReported">The counters an operator reported, if this change is a usage report.</param>
public sealed record LicenseWrite(
    string PurchaseId,
    int ExpectedVersion,
    LicenseState State,
    IReadOnlyList<Issuance> Issued,
    IReadOnlyList<AuditEntry> Audit,
    IReadOnlyDictionary<string, long>? UsageReported = null)
{
    public int NewVersion => ExpectedVersion + 1;

    /// <summary>The instant of the change, which the usage report row carries.</summary>
    public DateTimeOffset At => Audit[^1].At;
}
