namespace Orleans.Licensing.Hosting;

/// <summary><c>Licensing:Cluster</c>: how silos find each other and clients find silos.</summary>
public sealed class ClusterSettings
{
    public const string Section = "Licensing:Cluster";

    public ClusteringProvider Clustering { get; set; } = ClusteringProvider.Localhost;

    public string ServiceId { get; set; } = "orleans-licensing";

    public string ClusterId { get; set; } = "default";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;
}
