namespace Orleans.Licensing.Signing;

/// <summary>One key under <c>Licensing:Signing:Keys</c>: a private key that can sign, or a public key that is only published.</summary>
public sealed class SigningKeyOptions
{
    /// <summary>The JWS <c>kid</c>; defaults to the key's RFC 7638 thumbprint.</summary>
    public string? Id { get; set; }

    /// <summary>A PKCS#8 PEM Ed25519 private key (<c>openssl genpkey -algorithm ed25519</c>).</summary>
    public string? PrivateKeyPem { get; set; }

    /// <summary>A file holding <see cref="PrivateKeyPem"/>, e.g. a mounted secret.</summary>
    public string? PrivateKeyFile { get; set; }

    /// <summary>A retired key's raw public key, base64url (the JWK <c>x</c>): still published, never used to sign.</summary>
    public string? PublicKey { get; set; }
}
