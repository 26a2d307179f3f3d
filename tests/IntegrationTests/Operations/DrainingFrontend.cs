using Orleans.Licensing.IntegrationTests.Support;

namespace Orleans.Licensing.IntegrationTests.Operations;

/// <summary>A frontend configured as on Kubernetes: after SIGTERM it keeps serving for a drain delay.</summary>
public sealed class DrainingFrontend() : EmbeddedFrontend(new Dictionary<string, string?>
{
    ["Licensing:ShutdownDrainDelay"] = "00:00:04",
});
