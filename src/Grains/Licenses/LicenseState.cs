using System.Collections.Immutable;

namespace Orleans.Licensing.Licenses;

/// <summary>
/// A license's stored state. Immutable, so the grain can keep the previous value and put it back
/// when storage refuses a write. A license with no issuances does not exist.
/// </summary>
[GenerateSerializer, Immutable, Alias("licensing.LicenseState")]
public sealed record LicenseState
{
    public static readonly LicenseState Empty = new();

    [Id(0)]
    public ImmutableList<Issuance> Issuances { get; init; } = [];

    [Id(1)]
    public DateOnly? TerminatedOn { get; init; }

    [Id(2)]
    public ImmutableDictionary<string, long> Usage { get; init; } = ImmutableDictionary<string, long>.Empty.WithComparers(StringComparer.Ordinal);

    [Id(3)]
    public ImmutableList<AuditEntry> Audit { get; init; } = [];

    public bool Exists => !Issuances.IsEmpty;

    public bool IsTerminated => TerminatedOn is not null;

    /// <summary>The body KA holds now: the last one issued.</summary>
    public Issuance Current => Issuances[^1];
}
