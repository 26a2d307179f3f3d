namespace Orleans.Licensing.Licenses;

/// <summary>Why a body was issued. Stored: never renumber.</summary>
[GenerateSerializer, Alias("licensing.IssuanceCause")]
public enum IssuanceCause
{
    Purchase = 0,
    Renew = 1,
    Upgrade = 2,

    /// <summary>Rebuilt from a PREVIOUS_LICENSE_BODY we had signed, after the license was lost.</summary>
    Restore = 3,
}
