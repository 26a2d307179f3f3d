using IsvLicensing.Verifier;
using Orleans.Licensing.IntegrationTests.Support;

namespace Orleans.Licensing.IntegrationTests.Isv;

/// <summary>
/// verdicts.json through the .NET verifier and the verify tool, on bodies the real service issued; the PHP library
/// runs the same table in PHPUnit (PhpSdkTests). Every disagreement is listed, not only the first.
/// </summary>
[Collection(RevocationCollection.Name)]
public sealed class VerdictTableTests(RevocationFrontend frontend) : IAsyncLifetime
{
    private readonly KaClient _ka = frontend.NewClient();
    private VerdictTable _table = null!;

    public async Task InitializeAsync() => _table = await VerdictTable.Issue(_ka);

    public Task DisposeAsync()
    {
        _table.Delete();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_dotnet_verifier_and_the_verify_tool_give_every_verdict_of_the_table()
    {
        var keys = LicenseKeySet.FromJwks(await File.ReadAllTextAsync(_table.Jwks));
        var revocations = RevocationList.Verify(await File.ReadAllBytesAsync(_table.Revocations), keys);
        var disagreements = new List<string>();
        foreach (var row in _table.Cases)
        {
            var dotnet = new LicenseVerifier(keys, row.Policy.ForDotNet(row.Revocations ? revocations : null)).Verify(await File.ReadAllBytesAsync(_table.Body(row.Body)));
            if (dotnet.Failure.ToString() != row.Expected || dotnet.InGracePeriod != row.InGrace)
            {
                disagreements.Add($"{row.Name}: .NET {dotnet.Failure} (in grace: {dotnet.InGracePeriod}; {dotnet.Detail}), expected {row.Expected} (in grace: {row.InGrace})");
            }
        }

        // One process per row, a few at a time: the rows are independent, and CI has its ten minutes.
        using var slots = new SemaphoreSlim(3);
        var cliDisagreements = await Task.WhenAll(_table.Cases.Select(async row =>
        {
            await slots.WaitAsync();
            try
            {
                return CliDisagreement(row, await RunCli(row));
            }
            finally
            {
                slots.Release();
            }
        }));
        disagreements.AddRange(cliDisagreements.OfType<string>());

        Assert.True(disagreements.Count == 0, string.Join('\n', disagreements));
        Assert.True(_table.Cases.Count >= 20, "the table lost its rows");
    }

    private Task<CommandResult> RunCli(VerdictCase row)
    {
        string[] revocationOption = row.Revocations ? ["--revocations", _table.Revocations] : [];
        return ExternalCommand.Run("dotnet", [RepositoryPaths.VerifyTool, "--jwks", _table.Jwks, .. revocationOption, .. row.Policy.ForCli(), _table.Body(row.Body)]);
    }

    private static string? CliDisagreement(VerdictCase row, CommandResult cli)
    {
        var verdict = cli.ExitCode switch
        {
            0 => "None",
            1 when cli.LastLine.StartsWith("invalid: ", StringComparison.Ordinal) => cli.LastLine["invalid: ".Length..].Split(':')[0],
            _ => $"exit {cli.ExitCode}: {cli.Error.Trim()}",
        };
        var inGrace = cli.LastLine == "valid (expired, within the grace period)";
        return verdict != row.Expected || inGrace != row.InGrace
            ? $"{row.Name}: verify {verdict} ({cli.LastLine}), expected {row.Expected} (in grace: {row.InGrace})"
            : null;
    }
}
