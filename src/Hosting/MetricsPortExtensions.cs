using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Orleans.Licensing.Hosting;

public static class MetricsPortExtensions
{
    /// <summary>
    /// <see cref="MetricsOptions.Port"/>: Kestrel listens there too, on the same interface as the first HTTP
    /// address, and <see cref="MetricsPortFilter"/> keeps <c>/metrics</c> and everything else apart. Read
    /// before the host is built, because the addresses Kestrel binds are fixed then.
    /// </summary>
    public static WebApplicationBuilder AddLicensingMetricsPort(this WebApplicationBuilder builder)
    {
        var options = builder.Services.AddValidOptions(builder.Configuration, MetricsOptions.Section, new MetricsOptionsValidator());
        if (options.Port is not { } port)
        {
            return builder;
        }

        var urls = ServerUrls(builder.WebHost);
        var first = BindingAddress.Parse(urls[0]);
        if (urls.Select(BindingAddress.Parse).Any(address => address.Port == port))
        {
            throw new OptionsValidationException(MetricsOptions.Section, typeof(MetricsOptions),
                [string.Create(CultureInfo.InvariantCulture, $"{MetricsOptions.Section}:Port {port} is also an HTTP port ({string.Join(';', urls)}); give /metrics a port of its own.")]);
        }

        builder.WebHost.UseUrls([.. urls, string.Create(CultureInfo.InvariantCulture, $"http://{first.Host}:{port}")]);
        builder.Services.AddSingleton<IStartupFilter>(new MetricsPortFilter(port));
        return builder;
    }

    /// <summary>The HTTP addresses as Kestrel would take them: <c>Urls</c>, else <c>HTTP_PORTS</c>, else its default.</summary>
    private static string[] ServerUrls(ConfigureWebHostBuilder webHost)
    {
        var split = StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries;
        if (webHost.GetSetting(WebHostDefaults.ServerUrlsKey) is { Length: > 0 } urls)
        {
            return urls.Split(';', split);
        }

        return webHost.GetSetting(WebHostDefaults.HttpPortsKey) is { Length: > 0 } ports
            ? [.. ports.Split(';', split).Select(p => $"http://*:{p}")]
            : ["http://localhost:5000"];
    }
}
