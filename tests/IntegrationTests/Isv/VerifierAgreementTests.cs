using System.Text.RegularExpressions;
using IsvLicensing.Verifier;
using Orleans.Licensing.IntegrationTests.Support;

namespace Orleans.Licensing.IntegrationTests.Isv;

/// <summary>
/// The PHP example and the .NET verifier on the same bodies under the same policy: the same verdict, and for a
/// refusal the same reason (the PHP line starts with the .NET <see cref="VerificationFailure"/> in words).
/// </summary>
[Collection(FrontendCollection.Name)]
public sealed partial class VerifierAgreementTests(EmbeddedFrontend frontend) : IAsyncLifetime
{
    private const string Issuer = "orleans-licensing";

    private readonly KaClient _ka = frontend.NewClient();
    private readonly VerifierWorkspace _files = new();

    public Task InitializeAsync() => _files.Initialize(_ka);

    public Task DisposeAsync()
    {
        _files.Delete();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Both_verifiers_give_the_same_verdict_on_every_body()
    {
        var unbound = await IssuedBodies.Current(_ka);
        var bound = await IssuedBodies.Current(_ka, activation: "shop.example.com");
        var boundToAddress = await IssuedBodies.Current(_ka, activation: "2001:db8::7");
        var test = await IssuedBodies.Current(_ka, testMode: "Y");
        var expired = await IssuedBodies.Of2016(_ka);
        var pro = await IssuedBodies.Current(_ka, product: "someproduct1-pro");
        var cases = new (string Name, byte[] Body, Policy Policy, VerificationFailure Expected)[]
        {
            ("unbound, no binding expected", unbound, new(), VerificationFailure.None),
            ("unbound, the host expects a binding", unbound, new(Activation: "shop.example.com"), VerificationFailure.ActivationMismatch),
            ("bound, same host written otherwise", bound, new(Activation: "SHOP.example.com."), VerificationFailure.None),
            ("bound, another host", bound, new(Activation: "other.example.com"), VerificationFailure.ActivationMismatch),
            ("bound to an address, same address written otherwise", boundToAddress, new(Activation: "2001:DB8:0:0::7"), VerificationFailure.None),
            ("bound to an address, another address", boundToAddress, new(Activation: "2001:db8::8"), VerificationFailure.ActivationMismatch),
            ("bound, no binding expected", bound, new(), VerificationFailure.None),
            ("another issuer expected", unbound, new(Issuer: "someone-else"), VerificationFailure.WrongIssuer),
            ("another issuer beats the binding", unbound, new(Issuer: "someone-else", Activation: "shop.example.com"), VerificationFailure.WrongIssuer),
            ("test license, refused by default", test, new(), VerificationFailure.TestLicenseRefused),
            ("test license, allowed", test, new(AllowTest: true), VerificationFailure.None),
            ("expired", expired, new(), VerificationFailure.Expired),
            ("expired, identity checked first", expired, new(Products: "someproduct1-pro"), VerificationFailure.WrongProduct),
            ("another product expected", unbound, new(Products: "someproduct1-pro"), VerificationFailure.WrongProduct),
            ("another edition expected", pro, new(Editions: "Basic"), VerificationFailure.WrongEdition),
            ("a required feature present", pro, new(Feature: "prioritySupport"), VerificationFailure.None),
            ("a required feature missing", unbound, new(Feature: "prioritySupport"), VerificationFailure.MissingFeature),
            ("tampered", IssuedBodies.Tampered(unbound), new(), VerificationFailure.BadSignature),
        };

        var disagreements = new List<string>();
        foreach (var (name, body, policy, expected) in cases)
        {
            var dotnet = LicenseVerifier.FromJwks(await File.ReadAllTextAsync(_files.Jwks), policy.ForDotNet()).Verify(body);
            var php = await ExternalCommand.Run(PhpExampleTests.PhpBinary(), [RepositoryPaths.PhpExample, .. policy.ForPhp(), _files.Jwks, await _files.Save(body)]);
            var phpVerdict = php.ExitCode == 0 ? VerificationFailure.None : FromPhp(php.LastLine);
            if (dotnet.Failure != expected || phpVerdict != expected)
            {
                disagreements.Add($"{name}: expected {expected}, .NET {dotnet.Failure} ({dotnet.Detail}), PHP {phpVerdict} ({php.LastLine})");
            }
        }

        Assert.True(disagreements.Count == 0, string.Join('\n', disagreements));
    }

    /// <summary>"invalid: activation mismatch: …" is ActivationMismatch; anything unrecognised fails the comparison.</summary>
    private static VerificationFailure? FromPhp(string line)
    {
        var match = InvalidLine().Match(line);
        return match.Success && Enum.TryParse<VerificationFailure>(match.Groups[1].Value.Replace(" ", "", StringComparison.Ordinal), ignoreCase: true, out var failure)
            ? failure
            : null;
    }

    [GeneratedRegex("^invalid: ([a-z ]+):")]
    private static partial Regex InvalidLine();

    private sealed record Policy(string Issuer = VerifierAgreementTests.Issuer, string? Activation = null, bool AllowTest = false, string? Products = null, string? Editions = null, string? Feature = null)
    {
        public VerificationPolicy ForDotNet() => new()
        {
            Issuer = Issuer,
            Activation = Activation,
            AllowTestLicenses = AllowTest,
            Products = Products is null ? [] : [Products],
            Editions = Editions is null ? [] : [Editions],
            RequiredFeatures = Feature is null ? [] : [Feature],
        };

        public IEnumerable<string> ForPhp()
        {
            yield return $"--issuer={Issuer}";
            if (Activation is not null)
            {
                yield return $"--activation={Activation}";
            }

            if (AllowTest)
            {
                yield return "--allow-test";
            }

            if (Products is not null)
            {
                yield return $"--product={Products}";
            }

            if (Editions is not null)
            {
                yield return $"--edition={Editions}";
            }

            if (Feature is not null)
            {
                yield return $"--feature={Feature}";
            }
        }
    }
}
