using Microsoft.Extensions.Options;
using Orleans.Licensing.Catalog;
using Orleans.Licensing.Frontend.Console;
using Orleans.Licensing.Frontend.Jwks;
using Orleans.Licensing.Frontend.Ka;
using Orleans.Licensing.Frontend.Operator;
using Orleans.Licensing.Frontend.Revocations;
using Orleans.Licensing.Frontend.Security;
using Orleans.Licensing.Hosting;

namespace Orleans.Licensing.Frontend.Hosting;

/// <summary>Builds the frontend for Program; the tests start Program itself (WebApplicationFactory).</summary>
internal static class FrontendApp
{
    public static WebApplication Build(string[] args)
    {
        // Settings files ship beside the binaries, so the service reads them whatever directory it starts in.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddShippedCatalog(builder.Environment);
        builder.Configuration.AddCatalogFile();
        var configuration = builder.Configuration;
        builder.AddLicensingMetricsPort();

        if (configuration.Read<FrontendOptions>(FrontendOptions.Section).SiloMode == SiloMode.Embedded)
        {
            builder.UseOrleans(silo => silo.AddLicensingSilo(configuration));
        }
        else
        {
            builder.UseOrleansClient(client => client.AddLicensingClient(configuration));
            // The console offers the catalog's products; with a silo embedded, the silo registers it.
            builder.Services.AddProductCatalog(configuration);
        }

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddLicensingOperations(configuration, "frontend");
        // Development's credentials (the guide's john/qwe123, so Part C runs as written) are in
        // appsettings.Development.json; elsewhere the validators refuse to start without configured ones.
        services.AddOptions<KaOptions>().Bind(configuration.GetSection(KaOptions.Section)).ValidateOnStart();
        services.AddOptions<OperatorOptions>().Bind(configuration.GetSection(OperatorOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<KaOptions>, KaOptionsValidator>();
        services.AddSingleton<IValidateOptions<OperatorOptions>, OperatorOptionsValidator>();
        services.AddNetworkSecurity(configuration);
        services.AddJwks(configuration);
        services.AddOperatorConsole(configuration);

        var app = builder.Build();
        app.UseOutageAnswers();
        app.MapLicensingOperations();
        app.MapKaEndpoint();
        app.MapOperatorApi();
        if (configuration.Read<OperatorDashboardOptions>(OperatorDashboardOptions.Section).Enabled)
        {
            app.MapOperatorDashboard();
        }

        app.MapJwks();
        app.MapRevocations();
        app.MapOperatorConsole();
        return app;
    }
}
