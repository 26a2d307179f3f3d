namespace Orleans.Licensing.Bench;

/// <summary>An answer's status (0: no answer, the connection failed) and body.</summary>
internal readonly record struct KaResponse(int Status, byte[] Body);
