using Orleans.Licensing.IntegrationTests.Support;

namespace Orleans.Licensing.IntegrationTests.Bench;

/// <summary>
/// The load driver (bench/Driver) in its smoke mode, as a process against a fresh embedded instance: the traffic
/// it generates is valid (every answer 200 but the probes that must not be), replays come back byte for byte,
/// and both loop modes run. Correctness only: speed is measured by bench/run.sh, never asserted here.
/// </summary>
public sealed class DriverSmokeTests(EmbeddedFrontend frontend) : IClassFixture<EmbeddedFrontend>
{
    [Fact]
    public async Task The_driver_smoke_mode_passes_against_a_fresh_instance()
    {
        var driver = RepositoryPaths.Binary("bench/Driver", "Orleans.Licensing.Bench");

        var result = await ExternalCommand.Run("dotnet", [driver, "smoke", "--url", frontend.BaseAddress.ToString()]);

        Assert.True(result.ExitCode == 0, $"the driver's smoke check failed ({result.ExitCode}):\n{result.Output}\n{result.Error}");
        Assert.Contains("smoke: ok", result.Output, StringComparison.Ordinal);
    }
}
