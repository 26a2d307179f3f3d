using Microsoft.Extensions.Options;

namespace Orleans.Licensing.Licenses;

internal sealed class LicenseOptionsValidator : IValidateOptions<LicenseOptions>
{
    public ValidateOptionsResult Validate(string? name, LicenseOptions options) => options.MaxIssuances < 1
        ? ValidateOptionsResult.Fail($"{LicenseOptions.Section}:MaxIssuances is {options.MaxIssuances}; it must be at least 1")
        : ValidateOptionsResult.Success;
}
