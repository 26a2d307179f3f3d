using System.Text.RegularExpressions;
using Orleans.Licensing.IntegrationTests.Support;

namespace Orleans.Licensing.IntegrationTests.Isv;

/// <summary>
/// The PHP library's PHPUnit suite (sdk/php/tests), run by Debian's phpunit against bodies this service issued, its
/// JWKS and its revocation document, served live: verdicts.json, the status an extension shows through the
/// pm_License / pm_Context stand-ins, fetching and caching. Any failure, error or skip in PHPUnit fails this test.
/// </summary>
[Collection(RevocationCollection.Name)]
public sealed partial class PhpSdkTests(RevocationFrontend frontend) : IAsyncLifetime
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
    public async Task The_PHPUnit_suite_passes_against_the_real_service()
    {
        var result = await ExternalCommand.Run(
            PhpUnitBinary(),
            ["-c", Path.Combine(RepositoryPaths.Root, "sdk", "php", "phpunit.xml")],
            environment: new Dictionary<string, string>
            {
                ["ISV_SDK_FIXTURES"] = _table.Directory,
                ["ISV_SDK_VERDICTS"] = VerdictTable.File,
                ["ISV_SDK_SERVICE"] = frontend.BaseAddress.ToString(),
            });

        Assert.True(result.ExitCode == 0, result.ToString());
        // "OK (24 tests, N assertions)": PHPUnit says "OK, but incomplete, skipped, or risky tests!" otherwise.
        var summary = Summary().Match(result.Output);
        Assert.True(summary.Success, result.ToString());
        Assert.True(int.Parse(summary.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 24, result.ToString());
    }

    // Not a skip: CI must prove the library works, so a machine without PHPUnit is a failure to fix.
    private static string PhpUnitBinary() =>
        ExternalCommand.FindOnPath("phpunit")
        ?? throw new InvalidOperationException("phpunit is not on PATH: the PHP SDK tests need Debian's phpunit (apt-get install phpunit; .ci/run installs it).");

    [GeneratedRegex(@"^OK \((\d+) tests?, \d+ assertions?\)$", RegexOptions.Multiline)]
    private static partial Regex Summary();
}
