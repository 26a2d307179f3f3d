using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Net.Http.Headers;

namespace Orleans.Licensing.Frontend.Jwks;

/// <summary>One copy of the JWKS as the silos published it, with its strong ETag (a hash of the exact bytes).</summary>
internal sealed record JwksDocument(string Json, EntityTagHeaderValue ETag, DateTimeOffset FetchedAt)
{
    public static JwksDocument Create(string json, DateTimeOffset fetchedAt) =>
        new(json, new EntityTagHeaderValue($"\"{Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(json)))}\""), fetchedAt);
}
