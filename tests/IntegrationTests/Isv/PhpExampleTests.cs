using Orleans.Licensing.IntegrationTests.Support;

namespace Orleans.Licensing.IntegrationTests.Isv;

/// <summary>
/// examples/php/verify-license.php, run by the real php-cli with its bundled sodium, on bodies the endpoint issued:
/// what a Plesk extension written from the example accepts and refuses.
/// </summary>
[Collection(FrontendCollection.Name)]
public sealed class PhpExampleTests(EmbeddedFrontend frontend) : IAsyncLifetime
{
    private readonly KaClient _ka = frontend.NewClient();
    private readonly VerifierWorkspace _files = new();

    public Task InitializeAsync() => _files.Initialize(_ka);

    public Task DisposeAsync()
    {
        _files.Delete();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_body_the_service_issued_is_valid_and_its_claims_are_printed()
    {
        var id = Ids.Next("P");
        var body = await IssuedBodies.Purchase(_ka, IssuedBodies.Today, IssuedBodies.Today.AddDays(30), "someproduct1-pro", purchaseId: id);

        var result = await Php(_files.Jwks, await _files.Save(body));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("valid", result.LastLine);
        Assert.Contains($"kid:        {IssuedBodies.HeaderKeyId(body)}\n", result.Output, StringComparison.Ordinal);
        Assert.Contains($"sub:        {id}\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("product:    someproduct1-pro\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("features:   maxAccounts=1000, maxClusters=50, prioritySupport=true\n", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_body_can_come_on_standard_input()
    {
        var result = await ExternalCommand.Run(PhpBinary(), [RepositoryPaths.PhpExample, _files.Jwks, "-"], await IssuedBodies.Current(_ka));

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task A_tampered_body_is_refused()
    {
        var result = await Php(_files.Jwks, await _files.Save(IssuedBodies.Tampered(await IssuedBodies.Current(_ka))));

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.StartsWith("invalid: bad signature", result.LastLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_signed_by_a_key_the_JWKS_does_not_publish_is_refused()
    {
        var foreign = Path.Combine(_files.Directory, "foreign-jwks.json");
        await File.WriteAllTextAsync(foreign, IssuedBodies.ForeignJwks());

        var result = await Php(foreign, await _files.Save(await IssuedBodies.Current(_ka)));

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.StartsWith("invalid: unknown key", result.LastLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_different_key_published_under_the_bodys_kid_is_a_bad_signature()
    {
        var body = await IssuedBodies.Current(_ka);
        var impostor = Path.Combine(_files.Directory, "impostor-jwks.json");
        await File.WriteAllTextAsync(impostor, IssuedBodies.ForeignJwks(IssuedBodies.HeaderKeyId(body)!));

        var result = await Php(impostor, await _files.Save(body));

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.StartsWith("invalid: bad signature", result.LastLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_body_is_refused_and_a_grace_period_covers_a_recent_expiry()
    {
        var old = await _files.Save(await IssuedBodies.Of2016(_ka));
        var recent = await _files.Save(await IssuedBodies.ExpiredDaysAgo(_ka, 3));

        var expired = await Php(_files.Jwks, old);
        var withoutGrace = await Php(_files.Jwks, recent);
        var withGrace = await Php("--grace=7d", _files.Jwks, recent);

        Assert.True(expired.ExitCode == 1, expired.ToString());
        Assert.StartsWith("invalid: expired: 2016-04-22T", expired.LastLine, StringComparison.Ordinal);
        Assert.Contains("expiry:     2016-04-22\n", expired.Output, StringComparison.Ordinal);
        Assert.True(withoutGrace.ExitCode == 1, withoutGrace.ToString());
        Assert.True(withGrace.ExitCode == 0, withGrace.ToString());
        Assert.Equal("valid (expired, within the grace period)", withGrace.LastLine);
    }

    [Fact]
    public async Task Usage_and_IO_errors_exit_2()
    {
        var missing = await Php(_files.Jwks, Path.Combine(_files.Directory, "missing.jws"));
        var noArguments = await Php();

        Assert.True(missing.ExitCode == 2, missing.ToString());
        Assert.True(noArguments.ExitCode == 2, noArguments.ToString());
    }

    private static Task<CommandResult> Php(params string[] arguments) =>
        ExternalCommand.Run(PhpBinary(), [RepositoryPaths.PhpExample, .. arguments]);

    // Not a skip: CI must prove the example works, so a machine without PHP is a failure to fix.
    internal static string PhpBinary() =>
        ExternalCommand.FindOnPath("php")
        ?? throw new InvalidOperationException(
            "php is not on PATH: the PHP example test needs php-cli with its bundled sodium extension (Debian: apt-get install php-cli).");
}
