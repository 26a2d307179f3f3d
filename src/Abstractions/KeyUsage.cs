namespace Orleans.Licensing;

/// <summary>
/// The bodies one key signed that have not expired yet, and the latest expiry among them: a retired key may leave
/// the JWKS only after that instant, or verifiers would refuse bodies that are still valid.
/// </summary>
[GenerateSerializer, Immutable, Alias("licensing.KeyUsage")]
public sealed record KeyUsage(string KeyId, long LiveBodies, DateTimeOffset LatestExpiry);
