using Microsoft.AspNetCore.Builder;
using Orleans.Licensing.Hosting;
using Orleans.Licensing.Silo;

// A silo on its own; frontends reach it as Orleans clients (Licensing:SiloMode=External). Its HTTP port serves
// only health and metrics (metrics on a port of their own when Licensing:Metrics:Port is set).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
if (args is ["migrate", ..])
{
    return await MigrateCommand.Run(builder.Configuration, Console.Out);
}

builder.Configuration.AddShippedCatalog(builder.Environment);
builder.Configuration.AddCatalogFile();
builder.AddLicensingMetricsPort();
builder.Services.AddLicensingOperations(builder.Configuration, "silo");
builder.UseOrleans(silo => silo.AddLicensingSilo(builder.Configuration));
var app = builder.Build();
app.MapLicensingOperations();
await app.RunAsync();
return 0;
