using System.Buffers.Text;
using NSec.Cryptography;

namespace Orleans.Licensing.Signing;

/// <summary>
/// Signing keys whose private half is published in this repository. Anyone can sign with them, so outside
/// Development the service refuses to start when one is configured, to sign or only to be published.
/// A key committed anywhere in the repository belongs here (its raw public key, base64url, as the JWK's x).
/// </summary>
internal static class CommittedSigningKeys
{
    private static readonly Dictionary<string, string> WhereCommitted = new(StringComparer.Ordinal)
    {
        ["VKa6wSYg2hNSTKg8zJevzlbAZ2hHXptAs_akFvHCYW4"] = "deploy/k8s/overlays/dev/dev-only-signing-key.pem",
        ["IfnadUWAdcAzX7hqYwjf6voWgmwO9Dv04DP3IQ55D_s"] = "tests/IntegrationTests/Migration/Fixtures/signing-key.development.pem",
    };

    public static IReadOnlyCollection<string> PublicKeys => WhereCommitted.Keys;

    /// <summary>Where the key was committed, or null for a key of the operator's own.</summary>
    public static string? Find(PublicKey key) =>
        WhereCommitted.GetValueOrDefault(Base64Url.EncodeToString(key.Export(KeyBlobFormat.RawPublicKey)));
}
