namespace Orleans.Licensing;

/// <summary>One body a license was issued, as KA received it, with the key that signed it.</summary>
[GenerateSerializer, Immutable, Alias("licensing.IssuedBody")]
public sealed record IssuedBody(int Revision, string KeyId, byte[] Body);
