namespace Orleans.Licensing.Hosting;

/// <summary>
/// The operations surface both hosts serve at fixed paths: the probes (deploy/k8s points its probes here), the
/// Prometheus scrape and the dashboard. KA's and the operator API's paths are their own.
/// </summary>
public static class OperationsPaths
{
    /// <summary>The process answers: no dependency is checked, so a slow database never restarts pods.</summary>
    public const string Live = "/health/live";

    /// <summary>Start-up finished: the silo joined the cluster, or the client connected to it.</summary>
    public const string Startup = "/health/startup";

    /// <summary>Takes traffic: started and not shutting down.</summary>
    public const string Ready = "/health/ready";

    /// <summary>Prometheus scrape endpoint.</summary>
    public const string Metrics = "/metrics";

    /// <summary>The Orleans Dashboard, behind the operator credentials.</summary>
    public const string Dashboard = "/dashboard";
}
