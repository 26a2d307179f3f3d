using System.Collections.Immutable;
using Orleans.Licensing.Licenses;

namespace Orleans.Licensing.Storage;

/// <summary>
/// A license as schema 0005 and earlier stored it: one Orleans grain-state row holding every body and every
/// audit entry. Kept only so that <see cref="LegacyLicenseImport"/> can carry such rows over; never written.
/// The alias and ids are those of the old <c>LicenseState</c>, which is what the stored payloads name.
/// </summary>
[GenerateSerializer, Immutable, Alias("licensing.LicenseState")]
public sealed record LegacyLicenseState
{
    [Id(0)]
    public ImmutableList<Issuance> Issuances { get; init; } = [];

    [Id(1)]
    public DateOnly? TerminatedOn { get; init; }

    [Id(2)]
    public ImmutableDictionary<string, long> Usage { get; init; } = ImmutableDictionary<string, long>.Empty.WithComparers(StringComparer.Ordinal);

    [Id(3)]
    public ImmutableList<AuditEntry> Audit { get; init; } = [];
}
