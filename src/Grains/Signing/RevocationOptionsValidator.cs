using Microsoft.Extensions.Options;

namespace Orleans.Licensing.Signing;

internal sealed class RevocationOptionsValidator : IValidateOptions<RevocationOptions>
{
    public static readonly TimeSpan ShortestInterval = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan LongestInterval = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, RevocationOptions options)
    {
        var errors = new List<string>();
        if (options.UpdateInterval < ShortestInterval || options.UpdateInterval > LongestInterval)
        {
            errors.Add($"{RevocationOptions.Section}:UpdateInterval {options.UpdateInterval} is not between {ShortestInterval} and {LongestInterval}: "
                + "every request would reach the database, or a TERMINATE would take days to reach verifiers");
        }

        if (options.ListedAfterExpiry < TimeSpan.Zero)
        {
            errors.Add($"{RevocationOptions.Section}:ListedAfterExpiry {options.ListedAfterExpiry} is negative: a terminated license in its grace period would be accepted");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
