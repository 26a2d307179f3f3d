using Microsoft.Extensions.Options;

namespace Orleans.Licensing.Frontend.Jwks;

internal sealed class JwksOptionsValidator : IValidateOptions<JwksOptions>
{
    public static readonly TimeSpan Shortest = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan Longest = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, JwksOptions options) =>
        options.RefreshInterval < Shortest || options.RefreshInterval > Longest
            ? ValidateOptionsResult.Fail(
                $"{JwksOptions.Section}:RefreshInterval {options.RefreshInterval} is not between {Shortest} and {Longest}: a new signing key would never show, or every request would reach the silos")
            : ValidateOptionsResult.Success;
}
