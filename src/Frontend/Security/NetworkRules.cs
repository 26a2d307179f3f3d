using System.Net;

namespace Orleans.Licensing.Frontend.Security;

/// <summary>Client addresses and the network lists of settings (<c>TrustedProxies</c>, <c>AllowedNetworks</c>).</summary>
internal static class NetworkRules
{
    /// <summary>An IPv4 client reached over a dual-stack socket is still that IPv4 client.</summary>
    public static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    /// <summary>
    /// The part of an address that identifies one client for the throttle: an IPv4 address, or an IPv6 /64,
    /// since a single host is usually handed a whole /64 and could otherwise use a fresh address per attempt.
    /// </summary>
    public static IPAddress ClientBucket(IPAddress address)
    {
        address = Normalize(address);
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return address;
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes);
    }

    /// <summary>A CIDR (<c>10.0.0.0/8</c>, <c>2001:db8::/32</c>) or a single address (as /32 or /128).</summary>
    public static bool TryParse(string text, out IPNetwork network)
    {
        text = text.Trim();
        if (text.Contains('/', StringComparison.Ordinal))
        {
            // 10.0.0.1/8 is refused, not read as 10.0.0.0/8: the operator may have meant 10.0.0.1/32.
            return IPNetwork.TryParse(text, out network)
                && IPAddress.TryParse(text.AsSpan(0, text.IndexOf('/', StringComparison.Ordinal)), out var written)
                && written.Equals(network.BaseAddress);
        }

        // IPAddress.TryParse also reads "10" as 0.0.0.10: take only IPv6 text or a dotted quad.
        if ((text.Contains(':', StringComparison.Ordinal) || text.Split('.').Length == 4) && IPAddress.TryParse(text, out var address))
        {
            address = Normalize(address);
            network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }

        network = default;
        return false;
    }

    /// <summary>The parsed list; call after <see cref="Problems"/> found none.</summary>
    public static IReadOnlyList<IPNetwork> Parse(IEnumerable<string> entries) =>
        [.. entries.Select(e => TryParse(e, out var network) ? network : throw new FormatException($"'{e}' is not a network"))];

    public static IEnumerable<string> Problems(string key, IReadOnlyList<string> entries)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            if (!TryParse(entries[i], out _))
            {
                yield return $"{key}:{i} '{entries[i]}' is not an address or a network in CIDR notation (such as 10.0.0.0/8; the bits after the prefix must be zero).";
            }
        }
    }

    public static bool Contains(IReadOnlyList<IPNetwork> networks, IPAddress address)
    {
        address = Normalize(address);
        foreach (var network in networks)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }
}
