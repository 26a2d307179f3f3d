namespace Orleans.Licensing.Frontend.Security;

/// <summary><c>Licensing:Network</c>: where requests reach the frontend from.</summary>
internal sealed class NetworkOptions
{
    public const string Section = "Licensing:Network";

    /// <summary>
    /// Reverse proxies (CIDR or single addresses) whose <c>X-Forwarded-For</c> names the client; from any other
    /// peer the header is ignored. Empty: the TCP peer is the client.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];
}
