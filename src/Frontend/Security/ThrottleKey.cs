using System.Net;

namespace Orleans.Licensing.Frontend.Security;

/// <summary>
/// What the login throttle counts failures against: an endpoint's credentials (<paramref name="Scope"/>), the
/// client (IPv4 address or IPv6 /64) and the user name tried. Names that no credential has share one bucket per
/// client, so rotating invented names neither escapes the limit nor fills the table.
/// </summary>
internal readonly record struct ThrottleKey(string Scope, IPAddress Client, string? UserName)
{
    public static ThrottleKey For(string scope, IPAddress client, string? knownUserName) =>
        new(scope, NetworkRules.ClientBucket(client), knownUserName);
}
