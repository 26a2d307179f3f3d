using System.Buffers.Text;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NSec.Cryptography;
using Orleans.Licensing.Hosting;
using Orleans.Licensing.Signing;

namespace Orleans.Licensing.UnitTests;

/// <summary>Keys whose private half is in this repository sign nothing outside Development.</summary>
public sealed class CommittedSigningKeysTests
{
    private const string DevOverlayKey = "deploy/k8s/overlays/dev/dev-only-signing-key.pem";

    private static readonly LicensingOptions Licensing = new() { DataDirectory = Path.Combine(Path.GetTempPath(), "licensing-unit-" + Guid.NewGuid().ToString("N")) };

    public static TheoryData<string> NotDevelopment => new(Environments.Production, Environments.Staging, "dev");

    [Theory]
    [MemberData(nameof(NotDevelopment))]
    public void Outside_Development_the_dev_overlays_key_is_refused_by_name(string environment)
    {
        var options = new SigningOptions { Keys = { new SigningKeyOptions { PrivateKeyPem = Pem(DevOverlayKey) } } };

        var e = TestKeys.Refusal(options, new TestHostEnvironment(environment), Licensing);

        Assert.Contains("Licensing:Signing:Keys:0", e, StringComparison.Ordinal);
        Assert.Contains(DevOverlayKey, e, StringComparison.Ordinal);
    }

    [Fact]
    public void Outside_Development_a_committed_key_is_refused_even_as_a_published_retired_key()
    {
        var options = new SigningOptions
        {
            ActiveKeyId = "own",
            Keys =
            {
                new SigningKeyOptions { Id = "own", PrivateKeyPem = TestKeys.NewPem() },
                new SigningKeyOptions { Id = "retired", PublicKey = PublicX(DevOverlayKey) },
            },
        };

        var e = TestKeys.Refusal(options, new TestHostEnvironment(Environments.Production), Licensing);

        Assert.Contains("Licensing:Signing:Keys:1 (kid 'retired')", e, StringComparison.Ordinal);
        Assert.Contains(DevOverlayKey, e, StringComparison.Ordinal);
    }

    [Fact]
    public void In_Development_the_dev_overlays_key_signs()
    {
        var options = new SigningOptions { Keys = { new SigningKeyOptions { PrivateKeyPem = Pem(DevOverlayKey) } } };

        using var ring = SigningKeyRing.Load(options, new TestHostEnvironment(Environments.Development), Licensing);

        Assert.True(ring.Verify(ring.Sign(TestKeys.SampleClaims().ToJson())).IsValid);
    }

    /// <summary>A key committed later is refused only once it is listed: this finds one that is not.</summary>
    [Fact]
    public void Every_private_key_committed_in_the_repository_is_listed()
    {
        var committed = Directory.EnumerateFiles(Root, "*.pem", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && File.ReadAllText(f).Contains("BEGIN PRIVATE KEY", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(committed);
        Assert.All(committed, file => Assert.True(
            CommittedSigningKeys.PublicKeys.Contains(PublicX(Path.GetRelativePath(Root, file))),
            $"{Path.GetRelativePath(Root, file)} is not in CommittedSigningKeys"));
    }

    private static string Root => RepositoryRoot.Path;

    private static string Pem(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));

    private static string PublicX(string relativePath)
    {
        using var key = Key.Import(SignatureAlgorithm.Ed25519, Encoding.ASCII.GetBytes(Pem(relativePath)), KeyBlobFormat.PkixPrivateKeyText);
        return Base64Url.EncodeToString(key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }
}
