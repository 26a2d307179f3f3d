namespace Orleans.Licensing;

/// <summary>One signed revocation document (a JWS compact token) and the times its payload carries.</summary>
[GenerateSerializer, Immutable, Alias("licensing.RevocationDocument")]
public sealed record RevocationDocument(byte[] Jws, DateTimeOffset IssuedAt, DateTimeOffset NextUpdate);
