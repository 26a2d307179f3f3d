using Orleans.Licensing.IntegrationTests.Support;

namespace Orleans.Licensing.IntegrationTests.Fuzz;

/// <summary>
/// The embedded default, Development credentials, with the failed-login limit raised: the throttle has tests of its
/// own, and at 10 failures a minute it would turn most of the fuzz behind a wrong password into 429s.
/// </summary>
public sealed class FuzzedFrontend() : EmbeddedFrontend(new Dictionary<string, string?>
{
    ["Licensing:AuthThrottle:MaxFailures"] = "1000000",
});
