namespace Orleans.Licensing;

/// <summary>B.13: publishes the signed revocation document, so frontends never hold private key material.</summary>
[Alias("licensing.IRevocationGrain")]
public interface IRevocationGrain : IGrainWithIntegerKey
{
    /// <summary>A document signed now, listing the licenses KA terminated that may still be in use.</summary>
    [Alias("GetDocument")]
    Task<RevocationDocument> GetDocument(CancellationToken cancellation = default);
}
