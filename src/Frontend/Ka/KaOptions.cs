using Orleans.Licensing.Frontend.Security;

namespace Orleans.Licensing.Frontend.Ka;

/// <summary><c>Licensing:Ka</c>: the endpoint KA posts to.</summary>
internal sealed class KaOptions
{
    public const string Section = "Licensing:Ka";

    public string Path { get; set; } = "/ka";

    /// <summary>Several may be valid at once, so KA's password can be rotated without downtime.</summary>
    public List<Credential> Credentials { get; set; } = [];

    public int MaxActivationDataChars { get; set; } = 64 * 1024;

    public int MaxPreviousLicenseBodyChars { get; set; } = 64 * 1024;

    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>How long a request may wait for its license grain before KA gets 503 and retries.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    public string Realm { get; set; } = "Orleans Licensing";

    /// <summary>
    /// KA's source networks (CIDR or single addresses). When set, any other source gets 403 before its
    /// credentials are checked. Empty: any source may try.
    /// </summary>
    public List<string> AllowedNetworks { get; set; } = [];
}
