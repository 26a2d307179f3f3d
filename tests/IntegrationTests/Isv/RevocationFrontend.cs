using Orleans.Licensing.IntegrationTests.Support;

namespace Orleans.Licensing.IntegrationTests.Isv;

/// <summary>
/// The real frontend with a revocation document renewed every second instead of every minute, so a TERMINATE
/// shows in it within the test's patience; everything else as in production.
/// </summary>
public sealed class RevocationFrontend() : EmbeddedFrontend(new Dictionary<string, string?> { ["Licensing:Revocations:UpdateInterval"] = "00:00:01" })
{
    public static readonly TimeSpan UpdateInterval = TimeSpan.FromSeconds(1);
}
