using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Orleans.Licensing.Signing;

/// <summary>
/// Refuses signing options the ring cannot be built from, naming every problem at once. It reads the keys just
/// as <see cref="SigningKeyRing.Load"/> does, so what it accepts is exactly what will sign.
/// </summary>
internal sealed class SigningOptionsValidator(IHostEnvironment environment, IOptions<LicensingOptions> licensing) : IValidateOptions<SigningOptions>
{
    public ValidateOptionsResult Validate(string? name, SigningOptions options)
    {
        var errors = new List<string>();
        using var ring = SigningKeyRing.TryLoad(options, environment, licensing.Value, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
