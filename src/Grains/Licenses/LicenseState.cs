using System.Collections.Immutable;

namespace Orleans.Licensing.Licenses;

/// <summary>
/// What a license needs in memory to decide and answer its next request (B.12): its latest issuances with their
/// bodies, how many there were in all, usage counters and termination. Everything it was ever issued and every
/// change lives in the history rows beside it, so this stays the same size however old the license is.
/// Immutable, so a write that storage refuses leaves the grain's last durable state untouched.
/// A license with no issuances does not exist.
/// </summary>
[GenerateSerializer, Immutable, Alias("licensing.LicenseState.2")]
public sealed record LicenseState
{
    /// <summary>
    /// How many of the latest issuances the state keeps with their bodies: a repeat of one of them (KA retrying a
    /// call whose 200 was lost) is answered from memory; an older one from the history.
    /// </summary>
    public const int RecentIssuances = 2;

    public static readonly LicenseState Empty = new();

    /// <summary>The latest issuances, oldest first, at most <see cref="RecentIssuances"/>.</summary>
    [Id(0)]
    public ImmutableArray<Issuance> Issuances { get; init; } = [];

    [Id(1)]
    public DateOnly? TerminatedOn { get; init; }

    [Id(2)]
    public ImmutableDictionary<string, long> Usage { get; init; } = ImmutableDictionary<string, long>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>Every issuance this license has had, those kept in <see cref="Issuances"/> included.</summary>
    [Id(3)]
    public int IssuanceCount { get; init; }

    public bool Exists => !Issuances.IsDefaultOrEmpty;

    public bool IsTerminated => TerminatedOn is not null;

    /// <summary>The body KA holds now: the last one issued.</summary>
    public Issuance Current => Issuances[^1];

    /// <summary>
    /// Every issuance this license has had: <see cref="IssuanceCount"/>, or the kept ones for a state built without
    /// it (the rules' tests).
    /// </summary>
    public int Issued => Math.Max(IssuanceCount, Issuances.IsDefault ? 0 : Issuances.Length);

    /// <summary>Whether issuances older than <see cref="Issuances"/> are in the history only.</summary>
    public bool HasArchivedIssuances => Issued > Issuances.Length;

    /// <summary>The state after <paramref name="issuance"/>: the oldest kept issuance moves to the history only.</summary>
    public LicenseState With(Issuance issuance)
    {
        var kept = Issuances.IsDefault ? [issuance] : Issuances.Add(issuance);
        return this with
        {
            Issuances = kept.Length > RecentIssuances ? kept.RemoveRange(0, kept.Length - RecentIssuances) : kept,
            IssuanceCount = Issued + 1,
        };
    }
}
