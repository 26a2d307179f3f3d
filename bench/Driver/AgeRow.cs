namespace Orleans.Licensing.Bench;

/// <summary>
/// One run of the age benchmark: the same number of licenses, new or renewed <see cref="AgeFacts.Renewals"/>
/// times before the service was restarted and measured. <see cref="Aging"/> is null for new licenses;
/// <see cref="Warmup"/> is the first phase after the restart, where every license is activated from storage.
/// </summary>
internal sealed record AgeRow(AgeFacts Facts, AgePhase Seed, AgePhase? Aging, AgePhase? Warmup, IReadOnlyList<AgePhase> Phases)
{
    /// <summary>The service's CPU time over the measured phases (not the warm-up), in seconds.</summary>
    public double? ServiceCpuSeconds => Phases.All(p => p.ServiceMicrosPerRequest is not null)
        ? Math.Round(Phases.Sum(p => p.ServiceMicrosPerRequest!.Value * p.Requests) / 1_000_000, 2)
        : null;
}
