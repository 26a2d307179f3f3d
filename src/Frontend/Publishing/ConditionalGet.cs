using Microsoft.Net.Http.Headers;

namespace Orleans.Licensing.Frontend.Publishing;

/// <summary>RFC 9110 13.1.2 for the published documents: whether the client's copy is current.</summary>
internal static class ConditionalGet
{
    /// <summary><c>If-None-Match</c> compares weakly, and <c>*</c> matches any current copy.</summary>
    public static bool IsNotModified(HttpRequest request, EntityTagHeaderValue current) =>
        request.GetTypedHeaders().IfNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(current, useStrongComparison: false));
}
