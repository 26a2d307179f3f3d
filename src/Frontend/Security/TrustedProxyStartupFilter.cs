namespace Orleans.Licensing.Frontend.Security;

/// <summary>Forwarded headers first, so every later step (throttle, allow-list, logs) sees the client's address.</summary>
internal sealed class TrustedProxyStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseForwardedHeaders();
        next(app);
    };
}
