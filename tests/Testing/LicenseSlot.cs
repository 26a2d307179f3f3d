namespace Orleans.Licensing.Testing;

/// <summary>One license a <see cref="LicenseBook"/> owns: its stage, product and period, and the last request that issued a body.</summary>
public sealed class LicenseSlot(string id, DateOnly firstStart)
{
    public string Id => id;

    public DateOnly FirstStart => firstStart;

    public DateOnly FirstExpiry => firstStart.AddMonths(1).AddDays(10);

    public LicenseStage Stage { get; internal set; }

    public string Product { get; internal set; } = KaForms.Basic;

    public int Period { get; internal set; }

    /// <summary>A request for this license is in flight: no other is planned, so the license's requests stay in order.</summary>
    public bool Busy { get; internal set; }

    public string? LastForm { get; internal set; }

    public byte[]? LastBody { get; internal set; }

    internal int ActiveIndex { get; set; } = -1;
}
