using System.Net;
using Orleans.Configuration;

namespace Orleans.Licensing.Hosting;

/// <summary><c>Licensing:Cluster</c>: how silos find each other and clients find silos.</summary>
public sealed class LicensingClusterOptions
{
    public const string Section = "Licensing:Cluster";

    public ClusteringProvider Clustering { get; set; } = ClusteringProvider.Localhost;

    public string ServiceId { get; set; } = "orleans-licensing";

    public string ClusterId { get; set; } = "default";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos and clients reach this silo at (on Kubernetes, the pod IP).</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>The silo's name in membership and the dashboard (on Kubernetes, the pod name); Orleans picks one when empty.</summary>
    public string? SiloName { get; set; }

    /// <summary>Listen on every interface rather than only the advertised address (containers behind NAT).</summary>
    public bool ListenOnAnyHostAddress { get; set; }

    /// <summary>Silos and clients of one deployment must agree on these.</summary>
    public void Identify(ClusterOptions options)
    {
        options.ServiceId = ServiceId;
        options.ClusterId = ClusterId;
    }

    public IPAddress ResolveAdvertisedAddress() =>
        IPAddress.TryParse(AdvertisedAddress, out var address)
            ? address
            : throw new InvalidOperationException($"{Section}:AdvertisedAddress '{AdvertisedAddress}' is not an IP address.");
}
