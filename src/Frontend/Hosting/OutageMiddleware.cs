namespace Orleans.Licensing.Frontend.Hosting;

/// <summary>
/// Turns a grain call that failed for an outage into B.11's 503 with <c>Retry-After</c>, wherever it was made: the
/// operator API, the JWKS, the dashboard, the console. Anything else stays what it is (a bug is still a 500).
/// </summary>
internal sealed partial class OutageMiddleware(RequestDelegate next, ILogger<OutageMiddleware> logger, OutageAnswer answer)
{
    /// <summary>B.1's one-line error, as KA and the operator API answer everything else.</summary>
    public static readonly OutageAnswer OneLine = (context, what) =>
        ErrorResults.Text(StatusCodes.Status503ServiceUnavailable, $"{context.Request.Path} cannot be served right now: {what}; retry later").ExecuteAsync(context);

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
            context.Response.Headers.RetryAfter = ServiceUnavailable.RetryAfterSeconds;
            await answer(context, ServiceUnavailable.What(e));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path}: answered 503")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string method, string path);
}
