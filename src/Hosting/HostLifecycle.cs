using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Orleans.Licensing.Hosting;

/// <summary>
/// Start-up and readiness from the host's own lifecycle: the host reports started only after the silo joined
/// (or the client connected) and Kestrel listens; readiness ends the moment shutdown begins.
/// </summary>
public sealed class HostLifecycle : IHealthCheck
{
    public const string StartupTag = "startup";
    public const string ReadyTag = "ready";

    private volatile bool _started;
    private volatile bool _stopping;

    public HostLifecycle(IHostApplicationLifetime lifetime)
    {
        lifetime.ApplicationStarted.Register(() => _started = true);
        lifetime.ApplicationStopping.Register(() => _stopping = true);
    }

    /// <summary>Readiness ends here at the latest; <see cref="ShutdownDrain"/> calls it before it waits.</summary>
    public void BeginStopping() => _stopping = true;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var wantsReady = context.Registration.Tags.Contains(ReadyTag);
        var result = !_started ? HealthCheckResult.Unhealthy("starting")
            : wantsReady && _stopping ? HealthCheckResult.Unhealthy("shutting down")
            : HealthCheckResult.Healthy();
        return Task.FromResult(result);
    }
}
