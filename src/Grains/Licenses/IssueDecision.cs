using IsvLicensing.Verifier;

namespace Orleans.Licensing.Licenses;

/// <summary>What <see cref="LicenseRules.Decide"/> concluded: answer without change, or sign these claims.</summary>
public sealed record IssueDecision(LicenseReply? Answer, LicenseClaims? Claims)
{
    public static IssueDecision Reply(LicenseReply answer) => new(answer, null);

    public static IssueDecision Issue(LicenseClaims claims) => new(null, claims);
}
