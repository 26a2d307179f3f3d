namespace Orleans.Licensing.Frontend.Hosting;

/// <summary>
/// Turns a grain call that failed for an outage into B.11's 503, wherever it was made: the operator API, the JWKS,
/// the dashboard. Anything else stays what it is (a bug is still a 500).
/// </summary>
internal sealed partial class OutageMiddleware(RequestDelegate next, ILogger<OutageMiddleware> logger)
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
            await ServiceUnavailable.Answer(context.Response, $"{context.Request.Path} cannot be served right now: {ServiceUnavailable.What(e)}; retry later")
                .ExecuteAsync(context);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path}: answered 503")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string method, string path);
}
