namespace Orleans.Licensing.Licenses;

/// <summary><c>Licensing:Licenses</c>: bounds on one license (B.12).</summary>
public sealed class LicenseOptions
{
    public const string Section = "Licensing:Licenses";

    /// <summary>
    /// A monthly renewal for 800 years with room for upgrades, while a client looping on new dates stops at a
    /// bound the operator chose.
    /// </summary>
    public const int DefaultMaxIssuances = 10_000;

    /// <summary>
    /// The most issuances one license accepts; a request that would issue past it gets 409 naming the limit.
    /// Repeats, GET-INFO and TERMINATE still work.
    /// </summary>
    public int MaxIssuances { get; set; } = DefaultMaxIssuances;
}
