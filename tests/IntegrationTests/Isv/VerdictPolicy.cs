using System.Globalization;
using IsvLicensing.Verifier;

namespace Orleans.Licensing.IntegrationTests.Isv;

/// <summary>A policy as verdicts.json writes it, for each verifier in its own terms.</summary>
public sealed record VerdictPolicy(
    string Issuer = "orleans-licensing",
    string? Activation = null,
    IReadOnlyList<string>? Products = null,
    IReadOnlyList<string>? Editions = null,
    IReadOnlyList<string>? Features = null,
    bool AllowTest = false,
    int GraceDays = 0)
{
    public VerificationPolicy ForDotNet(RevocationList? revocations) => new()
    {
        Issuer = Issuer,
        Activation = Activation,
        Products = Products ?? [],
        Editions = Editions ?? [],
        RequiredFeatures = Features ?? [],
        AllowTestLicenses = AllowTest,
        GracePeriod = TimeSpan.FromDays(GraceDays),
        Revocations = revocations,
    };

    public IEnumerable<string> ForCli()
    {
        yield return "--issuer";
        yield return Issuer;
        if (Activation is not null)
        {
            yield return "--activation";
            yield return Activation;
        }

        foreach (var (option, values) in new[] { ("--product", Products), ("--edition", Editions), ("--feature", Features) })
        {
            foreach (var value in values ?? [])
            {
                yield return option;
                yield return value;
            }
        }

        if (AllowTest)
        {
            yield return "--allow-test";
        }

        yield return "--grace";
        yield return string.Create(CultureInfo.InvariantCulture, $"{GraceDays}d");
    }
}
