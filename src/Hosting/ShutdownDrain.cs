using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Orleans.Licensing.Hosting;

/// <summary>
/// <see cref="HostingOptions.ShutdownDrainDelay"/>: after SIGTERM, readiness is already false but the host keeps
/// serving this long, so load balancers stop sending traffic before Kestrel stops accepting it.
/// </summary>
internal sealed class ShutdownDrain(HostLifecycle lifecycle, IOptions<HostingOptions> options) : IHostedLifecycleService
{
    public Task StoppingAsync(CancellationToken cancellationToken)
    {
        lifecycle.BeginStopping();
        var delay = options.Value.ShutdownDrainDelay;
        return delay > TimeSpan.Zero ? Task.Delay(delay, cancellationToken) : Task.CompletedTask;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
