namespace Orleans.Licensing.IntegrationTests.Support;

/// <summary>
/// A frontend behind a reverse proxy at 127.0.0.20 (the only trusted one) that accepts KA only from
/// 127.0.0.16/29 and 192.0.2.0/24; tests reach it from chosen loopback addresses.
/// </summary>
public sealed class GuardedFrontend() : EmbeddedFrontend(new Dictionary<string, string?>
{
    ["Licensing:Ka:Credentials:0:UserName"] = "ka",
    ["Licensing:Ka:Credentials:0:Password"] = "ka-secret",
    ["Licensing:Operator:Credentials:0:UserName"] = "isv",
    ["Licensing:Operator:Credentials:0:Password"] = "operator-secret",
    ["Licensing:Network:TrustedProxies:0"] = "127.0.0.20",
    ["Licensing:Ka:AllowedNetworks:0"] = "127.0.0.16/29",
    ["Licensing:Ka:AllowedNetworks:1"] = "192.0.2.0/24",
})
{
    public const string Proxy = "127.0.0.20";
}
