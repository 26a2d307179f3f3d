using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Orleans.Licensing.Hosting;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// Metrics for Prometheus (<see cref="OperationsPaths.Metrics"/>): ours, Orleans', ASP.NET Core's, the runtime's.
    /// Traces (ours with the PURCHASE_ID, ASP.NET Core's, Orleans' grain calls) go to OTLP when
    /// OTEL_EXPORTER_OTLP_ENDPOINT is set. Without it no tracer is registered at all: a tracer with nowhere to
    /// send its spans still records every request's and every grain call's activities (measured in
    /// docs/performance.md).
    /// </summary>
    public static IServiceCollection AddLicensingTelemetry(this IServiceCollection services, IConfiguration configuration, string role)
    {
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("orleans-licensing-" + role))
            .WithMetrics(metrics => metrics
                .AddMeter(LicensingTelemetry.Name, "Microsoft.Orleans")
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());
        if (!string.IsNullOrEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(LicensingTelemetry.Name, "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application")
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !context.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal))
                .AddOtlpExporter());
        }

        return services;
    }
}
