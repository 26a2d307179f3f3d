using Microsoft.Extensions.Hosting;
using Orleans.Licensing.Hosting;
using Orleans.Licensing.Silo;

// A silo on its own; frontends reach it as Orleans clients (Licensing:SiloMode=External).
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
if (args is ["migrate", ..])
{
    return await MigrateCommand.Run(builder.Configuration, Console.Out);
}

builder.Configuration.AddShippedCatalog(builder.Environment);
builder.Services.AddLicensingShutdown(builder.Configuration);
builder.UseOrleans(silo => silo.AddLicensingSilo(builder.Configuration));
await builder.Build().RunAsync();
return 0;
