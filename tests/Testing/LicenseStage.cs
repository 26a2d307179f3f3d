namespace Orleans.Licensing.Testing;

/// <summary>Where one license is in its life, as far as the driver has seen 200s.</summary>
public enum LicenseStage
{
    New,
    Active,
    Terminated,
}
