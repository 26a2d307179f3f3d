namespace Orleans.Licensing.IntegrationTests.Migration;

/// <summary>One request made to the previous version and its answer, as the manifest recorded them.</summary>
/// <param name="Action">APS_ACTION, or USAGE for the operator API's usage report.</param>
/// <param name="Form">The form body as posted (for USAGE, the JSON counters).</param>
/// <param name="Body">The answer's body, base64.</param>
/// <param name="Expiration">X-APS-Expiration-Date as answered; empty when there was none.</param>
/// <param name="Replay">
/// What the same form must get after everything the manifest holds ran, as the old version answered it:
/// <c>identical</c> (a repeat: the same body and expiry), <c>conflict</c> (409: terminated since) or <c>none</c>
/// (not replayed: no longer a repeat, such as an UPGRADE to a product the license has left again).
/// </param>
internal sealed record LegacyRequest(string PurchaseId, string Action, string Form, int Status, string Body, string Expiration, string Replay)
{
    public bool IsIssuance => Status == 200 && Action is "PURCHASE" or "RENEW" or "UPGRADE";

    public byte[] BodyBytes => Convert.FromBase64String(Body);

    /// <summary>The issuance cause the old version stored for this action.</summary>
    public string Cause => Action switch
    {
        "PURCHASE" => "Purchase",
        "RENEW" => "Renew",
        "UPGRADE" => "Upgrade",
        _ => throw new InvalidOperationException($"{Action} issues nothing"),
    };

    public override string ToString() => $"{Action} {PurchaseId}";
}
