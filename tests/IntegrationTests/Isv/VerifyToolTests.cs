using Orleans.Licensing.IntegrationTests.Support;

namespace Orleans.Licensing.IntegrationTests.Isv;

/// <summary>The <c>verify</c> tool as a real process, on bodies the endpoint issued: every check, its output and exit codes.</summary>
[Collection(FrontendCollection.Name)]
public sealed class VerifyToolTests(EmbeddedFrontend frontend) : IAsyncLifetime
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
    public async Task A_current_body_is_valid_and_its_claims_are_printed()
    {
        var id = Ids.Next("V");
        var body = await _files.Save(await IssuedBodies.Purchase(_ka, IssuedBodies.Today, IssuedBodies.Today.AddDays(30), "someproduct1-pro", purchaseId: id));

        var result = await Verify("--jwks", _files.Jwks, body);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("valid", result.LastLine);
        Assert.Contains($"sub:        {id}\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("product:    someproduct1-pro\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("edition:    Pro\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("features:   maxAccounts=1000, maxClusters=50, prioritySupport=true\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("rev:        1\n", result.Output, StringComparison.Ordinal);
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task The_JWKS_can_be_fetched_from_the_service_and_the_body_read_from_standard_input()
    {
        var body = await IssuedBodies.Current(_ka);

        var result = await ExternalCommand.Run("dotnet", [RepositoryPaths.VerifyTool, "--jwks", new Uri(frontend.BaseAddress, "/.well-known/jwks.json").ToString(), "-"], body);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("valid", result.LastLine);
    }

    [Fact]
    public async Task An_expired_body_is_invalid_and_still_shows_its_claims()
    {
        var body = await _files.Save(await IssuedBodies.Of2016(_ka));

        var result = await Verify("--jwks", _files.Jwks, body);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.StartsWith("invalid: Expired: expired 2016-04-22T", result.LastLine, StringComparison.Ordinal);
        Assert.Contains("expiry:     2016-04-22\n", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task At_a_moment_within_its_period_an_old_body_was_valid()
    {
        var body = await _files.Save(await IssuedBodies.Of2016(_ka));

        var result = await Verify("--jwks", _files.Jwks, "--at", "2016-04-01T00:00:00Z", body);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task A_grace_period_covers_a_recent_expiry_and_no_more()
    {
        var body = await _files.Save(await IssuedBodies.ExpiredDaysAgo(_ka, 3));

        var without = await Verify("--jwks", _files.Jwks, body);
        var within = await Verify("--jwks", _files.Jwks, "--grace", "7d", body);
        var tooShort = await Verify("--jwks", _files.Jwks, "--grace", "48h", body);

        Assert.True(without.ExitCode == 1, without.ToString());
        Assert.StartsWith("invalid: Expired", without.LastLine, StringComparison.Ordinal);
        Assert.True(within.ExitCode == 0, within.ToString());
        Assert.Equal("valid (expired, within the grace period)", within.LastLine);
        Assert.True(tooShort.ExitCode == 1, tooShort.ToString());
        Assert.Contains("grace ended", tooShort.LastLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Product_edition_and_feature_checks_pass_and_fail_by_what_the_catalog_put_in_the_body()
    {
        var basic = await _files.Save(await IssuedBodies.Current(_ka));
        var pro = await _files.Save(await IssuedBodies.Current(_ka, "someproduct1-pro"));

        Assert.Equal(0, (await Verify("--jwks", _files.Jwks, "--product", "someproduct1", "--product", "someproduct1-pro", basic)).ExitCode);
        Assert.Equal(0, (await Verify("--jwks", _files.Jwks, "--edition", "Pro", "--feature", "prioritySupport", "--feature", "maxAccounts", pro)).ExitCode);
        await AssertInvalid("WrongProduct", "--jwks", _files.Jwks, "--product", "someproduct1-pro", basic);
        await AssertInvalid("WrongEdition", "--jwks", _files.Jwks, "--edition", "Pro", basic);
        await AssertInvalid("MissingFeature", "--jwks", _files.Jwks, "--feature", "prioritySupport", basic);
    }

    [Fact]
    public async Task A_test_license_is_refused_unless_allowed()
    {
        var body = await _files.Save(await IssuedBodies.Current(_ka, testMode: "Y"));

        await AssertInvalid("TestLicenseRefused", "--jwks", _files.Jwks, body);
        var allowed = await Verify("--jwks", _files.Jwks, "--allow-test", body);

        Assert.True(allowed.ExitCode == 0, allowed.ToString());
        Assert.Contains("test:       true\n", allowed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_activation_binding_must_name_where_the_application_runs()
    {
        var body = await _files.Save(await IssuedBodies.Current(_ka, activation: "shop.example.com"));

        var here = await Verify("--jwks", _files.Jwks, "--activation", "Shop.Example.com", body);
        await AssertInvalid("ActivationMismatch", "--jwks", _files.Jwks, "--activation", "other.example.com", body);

        Assert.True(here.ExitCode == 0, here.ToString());
        Assert.Contains("activation: shop.example.com\n", here.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_issuer_can_be_required()
    {
        var body = await _files.Save(await IssuedBodies.Current(_ka));

        Assert.Equal(0, (await Verify("--jwks", _files.Jwks, "--issuer", "orleans-licensing", body)).ExitCode);
        await AssertInvalid("WrongIssuer", "--jwks", _files.Jwks, "--issuer", "someone-else", body);
    }

    [Fact]
    public async Task A_tampered_body_has_a_bad_signature()
    {
        var body = await _files.Save(IssuedBodies.Tampered(await IssuedBodies.Current(_ka)));

        await AssertInvalid("BadSignature", "--jwks", _files.Jwks, body);
    }

    [Fact]
    public async Task A_body_whose_key_the_JWKS_does_not_publish_is_refused()
    {
        var body = await _files.Save(await IssuedBodies.Current(_ka));
        var foreign = Path.Combine(_files.Directory, "foreign-jwks.json");
        await File.WriteAllTextAsync(foreign, IssuedBodies.ForeignJwks());

        await AssertInvalid("UnknownKey", "--jwks", foreign, body);
    }

    [Fact]
    public async Task Usage_and_IO_errors_exit_2_and_say_why_on_standard_error()
    {
        var body = await _files.Save(await IssuedBodies.Current(_ka));
        var notJwks = Path.Combine(_files.Directory, "not-jwks.json");
        await File.WriteAllTextAsync(notJwks, "<html>");

        var cases = new[]
        {
            await Verify(body),
            await Verify("--jwks", _files.Jwks, "--grace", "soon", body),
            await Verify("--jwks", _files.Jwks, Path.Combine(_files.Directory, "missing.jws")),
            await Verify("--jwks", Path.Combine(_files.Directory, "missing.json"), body),
            await Verify("--jwks", notJwks, body),
            await Verify("--jwks", new Uri(frontend.BaseAddress, "/no-such-jwks").ToString(), body),
        };

        Assert.All(cases, result =>
        {
            Assert.True(result.ExitCode == 2, result.ToString());
            Assert.NotEmpty(result.Error);
            Assert.DoesNotContain("valid", result.Output, StringComparison.Ordinal);
        });
    }

    private static async Task AssertInvalid(string failure, params string[] arguments)
    {
        var result = await Verify(arguments);
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.StartsWith($"invalid: {failure}: ", result.LastLine, StringComparison.Ordinal);
    }

    private static Task<CommandResult> Verify(params string[] arguments) =>
        ExternalCommand.Run("dotnet", [RepositoryPaths.VerifyTool, .. arguments]);
}
