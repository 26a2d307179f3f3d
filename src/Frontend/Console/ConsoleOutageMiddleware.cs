using System.Text.Encodings.Web;
using Orleans.Licensing.Frontend.Hosting;

namespace Orleans.Licensing.Frontend.Console;

/// <summary>
/// B.11 for the console: a page that says the service cannot serve it now, with 503 and Retry-After, where the
/// API answers its one-line error (<see cref="OutageMiddleware"/>, which still handles everything else).
/// </summary>
internal sealed partial class ConsoleOutageMiddleware(RequestDelegate next, ILogger<ConsoleOutageMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (ServiceUnavailable.IsOutage(e) && !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            LogUnavailable(logger, e, context.Request.Method, context.Request.Path);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = ((int)ServiceUnavailable.RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            context.Response.ContentType = "text/html; charset=utf-8";
            ConsoleHeaders.Apply(context.Response);
            await context.Response.WriteAsync(Page(ServiceUnavailable.What(e)), context.RequestAborted);
        }
    }

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path}: answered the console's 503 page")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string method, string path);
}
