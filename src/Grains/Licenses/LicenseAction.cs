namespace Orleans.Licensing.Licenses;

/// <summary>The KA actions that issue a body.</summary>
public enum LicenseAction
{
    Purchase = IssuanceCause.Purchase,
    Renew = IssuanceCause.Renew,
    Upgrade = IssuanceCause.Upgrade,
}
