namespace Orleans.Licensing.Bench;

/// <summary>Where one license is in its life, as far as the driver has seen 200s.</summary>
internal enum LicenseStage
{
    New,
    Active,
    Terminated,
}
