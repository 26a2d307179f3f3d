using System.Text;
using Microsoft.Net.Http.Headers;
using Orleans.Licensing.Frontend.Publishing;

namespace Orleans.Licensing.Frontend.Jwks;

/// <summary>
/// One copy of the JWKS as the silos published it: its UTF-8 bytes, encoded once and sent as they are to every
/// request, and their strong ETag (a hash of exactly those bytes).
/// </summary>
internal sealed record JwksDocument(byte[] Utf8, EntityTagHeaderValue ETag, DateTimeOffset FetchedAt)
{
    public static JwksDocument Create(string json, DateTimeOffset fetchedAt)
    {
        var utf8 = Encoding.UTF8.GetBytes(json);
        return new(utf8, ConditionalGet.StrongETag(utf8), fetchedAt);
    }
}
