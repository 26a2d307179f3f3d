using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Licensing.Signing;

namespace Orleans.Licensing.UnitTests;

/// <summary>The signing options are checked when the host starts, whether or not a silo ever asks for the ring.</summary>
public sealed class SigningOptionsValidatorTests
{
    [Fact]
    public async Task A_host_without_a_signing_key_outside_Development_does_not_start()
    {
        using var host = Host(Environments.Production, []);

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Licensing:Signing:Keys has no private key", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_with_a_configured_key_starts_and_its_ring_signs_with_it()
    {
        using var host = Host(Environments.Production, new() { ["Licensing:Signing:Keys:0:Id"] = "k1", ["Licensing:Signing:Keys:0:PrivateKeyPem"] = TestKeys.NewPem() });

        await host.StartAsync();
        var ring = host.Services.GetRequiredService<SigningKeyRing>();
        await host.StopAsync();

        Assert.Equal("k1", ring.ActiveKeyId);
    }

    private static IHost Host(string environment, Dictionary<string, string?> settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment, DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddOptions<LicensingOptions>().Configure(o => o.DataDirectory = Path.Combine(Path.GetTempPath(), "never-used-" + Guid.NewGuid().ToString("N")));
        builder.Services.AddLicenseSigning(builder.Configuration);
        return builder.Build();
    }
}
