using System.Net;
using Microsoft.Extensions.Options;

namespace Orleans.Licensing.Hosting;

/// <summary>
/// Refuses cluster settings that Orleans would reject later under its own option names, or not at all: an unknown
/// clustering (a number the binder takes as one), an empty or, for the membership table, too long id, ports
/// that are not ports or are the same one, and, for AdoNet, an advertised address that is not an IP address.
/// </summary>
internal sealed class LicensingClusterOptionsValidator : IValidateOptions<LicensingClusterOptions>
{
    private const string Section = LicensingClusterOptions.Section;

    /// <summary>The membership table's <c>DeploymentId varchar(150)</c>, which holds the ClusterId.</summary>
    private const int MaxClusterIdLength = 150;

    public ValidateOptionsResult Validate(string? name, LicensingClusterOptions options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Clustering))
        {
            failures.Add($"{Section}:Clustering must be {string.Join(" or ", Enum.GetNames<ClusteringProvider>())}; it is {(int)options.Clustering}.");
        }

        if (string.IsNullOrWhiteSpace(options.ServiceId))
        {
            failures.Add($"{Section}:ServiceId is empty: silos and frontends of one deployment share one, and stored licenses are keyed by it.");
        }

        if (string.IsNullOrWhiteSpace(options.ClusterId))
        {
            failures.Add($"{Section}:ClusterId is empty: silos and frontends of one deployment share one.");
        }
        else if (options.Clustering == ClusteringProvider.AdoNet && options.ClusterId.Length > MaxClusterIdLength)
        {
            failures.Add($"{Section}:ClusterId is {options.ClusterId.Length} characters; the membership table holds at most {MaxClusterIdLength}.");
        }

        foreach (var (key, port) in new[] { ("SiloPort", options.SiloPort), ("GatewayPort", options.GatewayPort) })
        {
            if (port is < 1 or > 65535)
            {
                failures.Add($"{Section}:{key} must be a TCP port from 1 to 65535; it is {port}.");
            }
        }

        if (options.SiloPort == options.GatewayPort)
        {
            failures.Add($"{Section}:SiloPort and {Section}:GatewayPort are both {options.SiloPort}: silo-to-silo and client traffic need a port each.");
        }

        if (options.Clustering == ClusteringProvider.AdoNet && !IPAddress.TryParse(options.AdvertisedAddress, out _))
        {
            failures.Add($"{Section}:AdvertisedAddress '{options.AdvertisedAddress}' is not an IP address: other silos and frontends reach this silo there.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
