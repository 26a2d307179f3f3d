namespace Orleans.Licensing;

/// <summary>
/// KA's <c>APS_ACTION</c> (spec A.2). The one form of the action from the parsed form to the audit trail and the
/// metrics; <see cref="LicenseActionNames"/> holds its text. Why a stored body exists is another fact:
/// <c>IssuanceCause</c>.
/// </summary>
[GenerateSerializer, Alias("licensing.LicenseAction")]
public enum LicenseAction
{
    Purchase = 0,
    Renew = 1,
    Upgrade = 2,
    Terminate = 3,
    GetInfo = 4,
}
