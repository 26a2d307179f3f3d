using Microsoft.Extensions.Options;

namespace Orleans.Licensing.Frontend.Security;

/// <summary>
/// Refuses unreadable proxy networks, and ASP.NET Core's own switch, which would trust X-Forwarded-For from
/// every peer and run its own middleware beside ours.
/// </summary>
internal sealed class NetworkOptionsValidator(IConfiguration configuration) : IValidateOptions<NetworkOptions>
{
    public ValidateOptionsResult Validate(string? name, NetworkOptions options)
    {
        var problems = NetworkRules.Problems($"{NetworkOptions.Section}:TrustedProxies", options.TrustedProxies).ToList();
        if (string.Equals(configuration["ForwardedHeaders_Enabled"], "true", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"ASPNETCORE_FORWARDEDHEADERS_ENABLED trusts X-Forwarded-For from any peer: remove it and list the reverse proxies in {NetworkOptions.Section}:TrustedProxies.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
