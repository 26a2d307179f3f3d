using Orleans.Licensing.Frontend.Security;

namespace Orleans.Licensing.Frontend.Operator;

/// <summary><c>Licensing:Operator</c>: the ISV's own API, with credentials separate from KA's.</summary>
internal sealed class OperatorOptions
{
    public const string Section = "Licensing:Operator";

    public List<Credential> Credentials { get; set; } = [];

    public string Realm { get; set; } = "Orleans Licensing operator";

    /// <summary>
    /// Licenses per page of the billing report: each page is one bounded call to a silo and one query, streamed
    /// to the client before the next is read.
    /// </summary>
    public int BillingPageLicenses { get; set; } = 1000;
}
