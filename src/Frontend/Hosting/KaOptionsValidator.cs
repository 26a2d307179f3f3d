using Microsoft.Extensions.Options;
using Orleans.Licensing.Frontend.Ka;
using Orleans.Licensing.Frontend.Operator;
using Orleans.Licensing.Frontend.Security;

namespace Orleans.Licensing.Frontend.Hosting;

/// <summary>Refuses to start without KA credentials, or with one that would also open the operator API.</summary>
internal sealed class KaOptionsValidator(IOptions<OperatorOptions> operatorOptions) : IValidateOptions<KaOptions>
{
    public ValidateOptionsResult Validate(string? name, KaOptions options)
    {
        var problems = CredentialRules.Problems(KaOptions.Section, options.Credentials).ToList();
        if (!options.Path.StartsWith('/'))
        {
            problems.Add($"{KaOptions.Section}:Path '{options.Path}' must start with '/'.");
        }

        problems.AddRange(NetworkRules.Problems($"{KaOptions.Section}:AllowedNetworks", options.AllowedNetworks));
        if (options.Credentials.Any(k => operatorOptions.Value.Credentials.Any(o => o.UserName == k.UserName && o.Password == k.Password)))
        {
            problems.Add($"{KaOptions.Section}:Credentials and {OperatorOptions.Section}:Credentials share a credential; KA must not reach the operator API.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
