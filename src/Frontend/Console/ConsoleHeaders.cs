namespace Orleans.Licensing.Frontend.Console;

/// <summary>
/// What every console response carries: a content security policy that runs no script and loads nothing from
/// elsewhere (REG_NAME and ACTIVATION_DATA are strangers' text, escaped when rendered; this is the second line),
/// no framing, and no caching of pages that show licenses.
/// </summary>
internal static class ConsoleHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'self'";

    public static void Apply(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "same-origin";
        // The stylesheet sets its own (it may be cached); pages that show licenses may not.
        if (string.IsNullOrEmpty(response.Headers.CacheControl))
        {
            response.Headers.CacheControl = "no-store";
        }
    }
}
