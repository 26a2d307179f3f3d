namespace Orleans.Licensing;

/// <summary>
/// The one mapping between <see cref="LicenseAction"/> and the text KA sends in <c>APS_ACTION</c> (spec A.2),
/// which the audit trail and the metrics show too.
/// </summary>
public static class LicenseActionNames
{
    // Indexed by the enum's value.
    private static readonly string[] Names = ["PURCHASE", "RENEW", "UPGRADE", "TERMINATE", "GET-INFO"];

    /// <summary>Every action as KA spells it, for messages that list them.</summary>
    public static string All { get; } = string.Join(", ", Names);

    /// <summary>The action as KA spells it: <c>PURCHASE</c>, …, <c>GET-INFO</c>.</summary>
    public static string Name(this LicenseAction action) => Names[(int)action];

    /// <summary>A.2 names the actions in upper case; KA's own forms are not always so careful, so case is ignored.</summary>
    public static bool TryParse(string text, out LicenseAction action)
    {
        var index = Array.FindIndex(Names, name => string.Equals(name, text, StringComparison.OrdinalIgnoreCase));
        action = (LicenseAction)Math.Max(index, 0);
        return index >= 0;
    }
}
