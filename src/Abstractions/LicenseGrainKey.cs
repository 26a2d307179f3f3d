namespace Orleans.Licensing;

public static class LicenseGrainKey
{
    /// <summary>
    /// The prefix keeps ADO.NET storage from reading an all-hex id as a number
    /// (dotnet/orleans#9706: "20235" and "020235" would share one row).
    /// </summary>
    public const string Prefix = "ka-";

    public static string For(string purchaseId) => Prefix + purchaseId;

    public static ILicenseGrain GetLicense(this IGrainFactory grains, string purchaseId) =>
        grains.GetGrain<ILicenseGrain>(For(purchaseId));
}
