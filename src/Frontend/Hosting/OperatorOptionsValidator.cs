using Microsoft.Extensions.Options;
using Orleans.Licensing.Frontend.Operator;
using Orleans.Licensing.Frontend.Security;

namespace Orleans.Licensing.Frontend.Hosting;

internal sealed class OperatorOptionsValidator : IValidateOptions<OperatorOptions>
{
    public ValidateOptionsResult Validate(string? name, OperatorOptions options)
    {
        var problems = CredentialRules.Problems(OperatorOptions.Section, options.Credentials).ToList();
        if (options.BillingPageLicenses is < 1 or > IReportingGrain.MaxPageLicenses)
        {
            problems.Add($"{OperatorOptions.Section}:{nameof(OperatorOptions.BillingPageLicenses)} is {options.BillingPageLicenses}; it must be 1 to {IReportingGrain.MaxPageLicenses}");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
