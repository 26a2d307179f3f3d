using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace Orleans.Licensing.Frontend.Revocations;

/// <summary>One signed revocation document as the silos issued it, with the strong ETag of exactly its bytes.</summary>
internal sealed record RevocationCopy(RevocationDocument Document, EntityTagHeaderValue ETag)
{
    public static RevocationCopy Create(RevocationDocument document) =>
        new(document, new EntityTagHeaderValue($"\"{Base64Url.EncodeToString(SHA256.HashData(document.Jws))}\""));
}
