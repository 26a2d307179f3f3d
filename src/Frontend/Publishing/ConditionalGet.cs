using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Orleans.Licensing.Frontend.Publishing;

/// <summary>RFC 9110's validators for the published documents: a strong ETag of exactly the bytes sent, and 304.</summary>
internal static class ConditionalGet
{
    /// <summary>A strong ETag: a hash of exactly <paramref name="body"/>.</summary>
    public static EntityTagHeaderValue StrongETag(ReadOnlySpan<byte> body) =>
        new($"\"{Base64Url.EncodeToString(SHA256.HashData(body))}\"");

    /// <summary>
    /// <paramref name="body"/> with its ETag and public caching for <paramref name="maxAge"/>, or 304 when the client's
    /// copy is current: <c>If-None-Match</c> compares weakly, and <c>*</c> matches any current copy (13.1.2).
    /// </summary>
    public static Results<FileContentHttpResult, StatusCodeHttpResult> Answer(
        HttpContext context, byte[] body, string contentType, EntityTagHeaderValue etag, TimeSpan maxAge)
    {
        var response = context.Response.GetTypedHeaders();
        response.ETag = etag;
        response.CacheControl = new CacheControlHeaderValue { Public = true, MaxAge = maxAge };
        return context.Request.GetTypedHeaders().IfNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: false))
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Bytes(body, contentType);
    }
}
