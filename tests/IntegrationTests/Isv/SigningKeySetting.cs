namespace Orleans.Licensing.IntegrationTests.Isv;

/// <summary>One entry of <c>Licensing:Signing:Keys</c> as an operator writes it: a signing key, or a retired public key.</summary>
internal sealed record SigningKeySetting(string? Id = null, string? PrivateKeyPem = null, string? PublicKey = null);
