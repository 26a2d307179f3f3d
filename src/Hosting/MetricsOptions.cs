namespace Orleans.Licensing.Hosting;

/// <summary><c>Licensing:Metrics</c>: where Prometheus scrapes <see cref="OperationsPaths.Metrics"/>.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Licensing:Metrics";

    /// <summary>
    /// A port of its own for <c>/metrics</c>, on which nothing else answers; the HTTP port then stops serving
    /// it. Unset (the embedded default), <c>/metrics</c> is on the HTTP port beside everything else.
    /// </summary>
    public int? Port { get; set; }
}
