namespace Orleans.Licensing.Hosting;

/// <summary>
/// Settings directly under <c>Licensing</c> that both hosts read about themselves (the grains' share of that
/// section is <see cref="LicensingOptions"/>).
/// </summary>
public sealed class HostingOptions
{
    public const string Section = "Licensing";

    /// <summary>
    /// How long a stopping host may take to finish in-flight requests (frontend) or leave the cluster and
    /// deactivate its grains (silo). Kubernetes' terminationGracePeriodSeconds must be longer.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// After SIGTERM, readiness is already false but the host keeps serving this long, so load balancers stop
    /// sending traffic before Kestrel stops accepting it.
    /// </summary>
    public TimeSpan ShutdownDrainDelay { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// The catalog as its own JSON file (see <see cref="LicensingConfiguration.AddCatalogFile"/>). Read while the
    /// configuration is still being built, before there is a service provider to ask.
    /// </summary>
    public string? CatalogFile { get; set; }
}
