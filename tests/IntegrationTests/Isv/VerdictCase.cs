namespace Orleans.Licensing.IntegrationTests.Isv;

/// <summary>One row of verdicts.json: a kind of body, a policy, and the verdict every verifier must give.</summary>
public sealed record VerdictCase(string Name, string Body, VerdictPolicy Policy, string Expected, bool Revocations = true, bool InGrace = false)
{
    public override string ToString() => Name;
}
