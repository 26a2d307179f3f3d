using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Orleans.Licensing.Hosting;

/// <summary>Health, metrics and shutdown behaviour, identical on silos and frontends.</summary>
public static class OperationsEndpoints
{
    public static IServiceCollection AddLicensingOperations(this IServiceCollection services, IConfiguration configuration, string role)
    {
        services.AddSingleton<HostLifecycle>();
        services.AddHealthChecks()
            .AddCheck<HostLifecycle>("started", tags: [HostLifecycle.StartupTag])
            .AddCheck<HostLifecycle>("ready", tags: [HostLifecycle.ReadyTag]);
        services.AddLicensingShutdown(configuration);
        services.AddSingleton<Microsoft.Extensions.Hosting.IHostedService, ShutdownDrain>();
        services.AddOptions<OperatorDashboardOptions>().Bind(configuration.GetSection(OperatorDashboardOptions.Section));
        services.AddLicensingTelemetry(configuration, role);
        return services;
    }

    public static IEndpointRouteBuilder MapLicensingOperations(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks(OperationsPaths.Live, new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks(OperationsPaths.Startup, new HealthCheckOptions { Predicate = check => check.Tags.Contains(HostLifecycle.StartupTag) });
        app.MapHealthChecks(OperationsPaths.Ready, new HealthCheckOptions { Predicate = check => check.Tags.Contains(HostLifecycle.ReadyTag) });
        app.MapPrometheusScrapingEndpoint(OperationsPaths.Metrics);
        return app;
    }
}
