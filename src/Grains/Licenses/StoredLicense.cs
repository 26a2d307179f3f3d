
namespace Orleans.Licensing.Licenses;

/// <summary>A license's state as storage holds it; version 0 means no row exists yet.</summary>
public sealed record StoredLicense(int Version, LicenseState State)
{
    public static readonly StoredLicense None = new(0, LicenseState.Empty);
}
