using Orleans.Licensing.Frontend.Hosting;

var app = FrontendApp.Build(args);
await app.RunAsync();
