using Microsoft.Extensions.Hosting;
using Orleans.Licensing.Hosting;

// A silo on its own; frontends reach it as Orleans clients (Licensing:SiloMode=External).
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddShippedCatalog(builder.Environment);
builder.UseOrleans(silo => silo.AddLicensingSilo(builder.Configuration));
await builder.Build().RunAsync();
