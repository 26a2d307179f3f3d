using System.Text;
using IsvLicensing.Verifier;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NSec.Cryptography;
using Orleans.Licensing.Hosting;
using Orleans.Licensing.Signing;

namespace Orleans.Licensing.UnitTests;

/// <summary>Fresh Ed25519 keys and signing rings for the signing and verification tests.</summary>
internal static class TestKeys
{
    public static string NewPem()
    {
        using var key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        return Encoding.ASCII.GetString(key.Export(KeyBlobFormat.PkixPrivateKeyText));
    }

    /// <summary>A PEM of a known raw private key (RFC 8037 appendix A.1's "d").</summary>
    public static string PemFromRaw(ReadOnlySpan<byte> rawPrivateKey)
    {
        using var key = Key.Import(
            SignatureAlgorithm.Ed25519, rawPrivateKey, KeyBlobFormat.RawPrivateKey,
            new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        return Encoding.ASCII.GetString(key.Export(KeyBlobFormat.PkixPrivateKeyText));
    }

    /// <summary>A production ring with one private key; it never touches the data directory.</summary>
    public static SigningKeyRing Ring(string? pem = null, string? id = null) => SigningKeyRing.Load(
        new SigningOptions { Keys = { new SigningKeyOptions { PrivateKeyPem = pem ?? NewPem(), Id = id } } },
        new TestHostEnvironment("Production"),
        new LicensingOptions { DataDirectory = Path.Combine(Path.GetTempPath(), "never-used-" + Guid.NewGuid().ToString("N")) });

    /// <summary>What the validator that runs at start says against these options; fails the test if it accepts them.</summary>
    public static string Refusal(SigningOptions options, IHostEnvironment environment, LicensingOptions licensing)
    {
        var result = new SigningOptionsValidator(environment, Options.Create(licensing)).Validate(Options.DefaultName, options);
        Assert.True(result.Failed, "the signing options were accepted");
        return result.FailureMessage;
    }

    public static LicenseClaims SampleClaims() => new(
        "orleans-licensing",
        "12345678",
        1,
        "someproduct1",
        "Basic",
        new Dictionary<string, string>(StringComparer.Ordinal) { ["maxAccounts"] = "10", ["sso"] = "false", ["tier"] = "bronze" },
        false,
        "54321",
        "example.com",
        new DateOnly(2016, 3, 12),
        new DateOnly(2016, 3, 12),
        new DateOnly(2016, 4, 22),
        new DateTimeOffset(2016, 4, 22, 15, 2, 10, TimeSpan.Zero),
        new DateTimeOffset(2016, 3, 12, 15, 2, 10, TimeSpan.Zero));

    /// <summary>Claims equal field by field (the record compares its features dictionary by reference).</summary>
    public static void AssertSameClaims(LicenseClaims expected, LicenseClaims? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected with { Features = actual.Features }, actual);
        Assert.Equal(
            expected.Features.OrderBy(f => f.Key, StringComparer.Ordinal),
            actual.Features.OrderBy(f => f.Key, StringComparer.Ordinal));
    }
}
