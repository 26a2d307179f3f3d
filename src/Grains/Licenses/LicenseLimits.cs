namespace Orleans.Licensing.Licenses;

/// <summary>B.12: the bounds that keep one license from growing without limit.</summary>
public static class LicenseLimits
{
    /// <summary>
    /// Issuances one license accepts by default: a monthly renewal for 800 years with room for upgrades, while a
    /// client looping on new dates stops at a bound the operator chose.
    /// </summary>
    public const int DefaultMaxIssuances = 10_000;
}
