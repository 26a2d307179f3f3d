namespace Orleans.Licensing;

/// <summary>Publishes the public signing keys, so frontends never hold private key material.</summary>
[Alias("licensing.IKeySetGrain")]
public interface IKeySetGrain : IGrainWithIntegerKey
{
    /// <summary>The JWKS document (RFC 7517) of every published key.</summary>
    [Alias("GetJwks")]
    Task<string> GetJwks();

    /// <summary>The kid of the key that signs new bodies.</summary>
    [Alias("GetSigningKeyId")]
    Task<string> GetSigningKeyId();
}
