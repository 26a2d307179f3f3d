namespace Orleans.Licensing;

public static class LicenseGrainKey
{
    /// <summary>
    /// The prefix keeps ADO.NET storage from reading an all-hex id as a number
    /// (dotnet/orleans#9706: "20235" and "020235" would share one row).
    /// </summary>
    public const string Prefix = "ka-";

    public static string For(string purchaseId) => Prefix + purchaseId;

    /// <summary>The PURCHASE_ID a license grain's key stands for; the inverse of <see cref="For"/>.</summary>
    public static string PurchaseIdOf(string key) =>
        key.StartsWith(Prefix, StringComparison.Ordinal) ? key[Prefix.Length..] : throw new ArgumentException($"'{key}' is not a license grain key ({Prefix}…)", nameof(key));

    public static ILicenseGrain GetLicense(this IGrainFactory grains, string purchaseId) =>
        grains.GetGrain<ILicenseGrain>(For(purchaseId));
}
