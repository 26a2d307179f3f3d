using System.Text.Encodings.Web;
using Orleans.Licensing.Frontend.Hosting;

namespace Orleans.Licensing.Frontend.Console;

/// <summary>
/// B.11 for the console: a page that says the service cannot serve it now, where the API answers its one-line
/// error. <see cref="OutageMiddleware"/> sets the 503 and <c>Retry-After</c>.
/// </summary>
internal static class ConsoleOutagePage
{
    public static readonly OutageAnswer Answer = (context, what) =>
    {
        // The console's own headers come from its OnStarting callback, which Response.Clear() leaves in place.
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(Page(what), context.RequestAborted);
    };

    internal static string Page(string what) => $"""
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Unavailable · Licensing console</title><link rel="stylesheet" href="{ConsoleEndpoints.StylesheetPath}"></head>
        <body><main id="main" class="outage">
        <h1>The service is unavailable</h1>
        <p role="alert">This page cannot be shown right now: {HtmlEncoder.Default.Encode(what)}. Nothing was changed.</p>
        <p>Try again in a minute; <a href="{HtmlEncoder.Default.Encode(ConsoleAuthentication.PathBase)}">back to the overview</a>.</p>
        </main></body></html>
        """;
}
