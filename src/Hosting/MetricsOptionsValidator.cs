using Microsoft.Extensions.Options;

namespace Orleans.Licensing.Hosting;

internal sealed class MetricsOptionsValidator : IValidateOptions<MetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, MetricsOptions options) =>
        // 0 would be a port Kestrel picks at random, which no scraper or NetworkPolicy could name.
        options.Port is null or (>= 1 and <= 65535)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{MetricsOptions.Section}:Port must be a TCP port from 1 to 65535 (or unset to serve /metrics on the HTTP port); it is {options.Port}.");
}
