using Microsoft.Net.Http.Headers;
using Orleans.Licensing.Frontend.Publishing;

namespace Orleans.Licensing.Frontend.Revocations;

/// <summary>One signed revocation document as the silos issued it, with the strong ETag of exactly its bytes.</summary>
internal sealed record RevocationCopy(RevocationDocument Document, EntityTagHeaderValue ETag)
{
    public static RevocationCopy Create(RevocationDocument document) =>
        new(document, ConditionalGet.StrongETag(document.Jws));
}
