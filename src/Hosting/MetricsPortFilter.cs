using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Orleans.Licensing.Hosting;

/// <summary>
/// First in the pipeline: on the metrics port only <c>/metrics</c> goes on, elsewhere <c>/metrics</c> is not
/// found. Decided by the port the connection arrived on, not by the Host header, which the client writes.
/// </summary>
internal sealed class MetricsPortFilter(int port) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, rest) =>
        {
            var onMetricsPort = context.Connection.LocalPort == port;
            var forMetrics = context.Request.Path.StartsWithSegments(OperationsPaths.Metrics, StringComparison.OrdinalIgnoreCase);
            if (onMetricsPort != forMetrics)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return rest(context);
        });
        next(app);
    };
}
