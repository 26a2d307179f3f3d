using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Orleans.Licensing.Frontend.Console;
using Orleans.Licensing.IntegrationTests.Support;

namespace Orleans.Licensing.IntegrationTests.OperatorConsole;

/// <summary>
/// The embedded frontend with the overview's cache on a clock the tests move: the overview counted as the frontend
/// started is kept for half a minute, and a test that needs today's figures moves this clock past that instead of
/// waiting. Only the overview's cache reads it.
/// </summary>
public sealed class ConsoleFrontend() : EmbeddedFrontend(
    new Dictionary<string, string?>(),
    services => services.AddSingleton(sp => new OverviewCache(
        sp.GetRequiredService<IGrainFactory>(), OverviewClock, sp.GetRequiredService<ILogger<OverviewCache>>())))
{
    /// <summary>Static: the registration is made in the base constructor, before an instance member could be read.</summary>
    public static FakeTimeProvider OverviewClock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>Makes the overview's next request count again, and wait for the count.</summary>
    public static void ExpireOverview() => OverviewClock.Advance(OverviewCache.Fresh + TimeSpan.FromSeconds(1));
}
