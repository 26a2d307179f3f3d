namespace Orleans.Licensing.Bench;

/// <summary>One license the driver owns: its stage, product and period, and the last request that issued a body.</summary>
internal sealed class LicenseSlot(string id, DateOnly firstStart)
{
    public string Id => id;

    public DateOnly FirstStart => firstStart;

    public DateOnly FirstExpiry => firstStart.AddMonths(1).AddDays(10);

    public LicenseStage Stage { get; set; }

    public string Product { get; set; } = KaForms.Basic;

    public int Period { get; set; }

    /// <summary>A request for this license is in flight: no other is planned, so the license's requests stay in order.</summary>
    public bool Busy { get; set; }

    public string? LastForm { get; set; }

    public byte[]? LastBody { get; set; }

    public int ActiveIndex { get; set; } = -1;
}
