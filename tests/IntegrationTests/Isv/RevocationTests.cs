using System.Net;
using System.Net.Http.Headers;
using IsvLicensing.Verifier;
using Microsoft.Extensions.Time.Testing;
using Orleans.Licensing.IntegrationTests.Support;

namespace Orleans.Licensing.IntegrationTests.Isv;

/// <summary>
/// B.13 end to end: a TERMINATE through /ka reaches /.well-known/revocations.jws, and the .NET verifier and the
/// verify tool then refuse the license's body; a document that does not verify is refused, and an old copy is
/// used with its age reported.
/// </summary>
[Collection(RevocationCollection.Name)]
public sealed class RevocationTests(RevocationFrontend frontend) : IAsyncLifetime
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
    public async Task The_document_is_anonymous_signed_by_a_published_key_and_cacheable_until_its_next_update()
    {
        var keys = LicenseKeySet.FromJwks(await IssuedBodies.Jwks(_ka));
        using var response = await _ka.Http.GetAsync(new Uri(Revocations.Path, UriKind.Relative));
        var document = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/jose", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.ETag);
        Assert.True(response.Headers.CacheControl is { Public: true, MaxAge: { } maxAge } && maxAge <= RevocationFrontend.UpdateInterval, response.Headers.CacheControl?.ToString());
        var list = RevocationList.Verify(document, keys, "orleans-licensing");
        Assert.Equal(RevocationFrontend.UpdateInterval, list.NextUpdate - list.IssuedAt);
        Assert.InRange(list.IssuedAt, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddSeconds(1));

        using var again = new HttpRequestMessage(HttpMethod.Get, Revocations.Path);
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        using var revalidated = await _ka.Http.SendAsync(again);
        // The copy may have been renewed in between (every second here); then the answer is the new one, with a new tag.
        Assert.Contains(revalidated.StatusCode, new[] { HttpStatusCode.NotModified, HttpStatusCode.OK });
        if (revalidated.StatusCode == HttpStatusCode.OK)
        {
            Assert.NotEqual(response.Headers.ETag, revalidated.Headers.ETag);
        }
    }

    [Fact]
    public async Task A_terminated_license_is_listed_and_both_verifiers_refuse_its_body_while_others_stay_valid()
    {
        var id = Ids.Next("R");
        var body = await IssuedBodies.Purchase(_ka, IssuedBodies.Today, IssuedBodies.Today.AddDays(30), purchaseId: id);
        var other = await IssuedBodies.Current(_ka);
        await Revocations.Terminate(_ka, id);

        var document = await Revocations.Listing(_ka, id);
        var keys = LicenseKeySet.FromJwks(await IssuedBodies.Jwks(_ka));
        var verifier = new LicenseVerifier(keys, new VerificationPolicy { Revocations = RevocationList.Verify(document, keys) });
        var refused = verifier.Verify(body);
        var cli = await Verify("--jwks", _files.Jwks, "--revocations", await Save(document), await _files.Save(body));
        var cliFromUrl = await Verify("--jwks", _files.Jwks, "--revocations", new Uri(frontend.BaseAddress, Revocations.Path).ToString(), await _files.Save(body));

        Assert.Equal(VerificationFailure.Revoked, refused.Failure);
        Assert.Contains($"license {id} was terminated on {IssuedBodies.Today:yyyy-MM-dd}", refused.Detail, StringComparison.Ordinal);
        Assert.NotNull(refused.RevocationsAge);
        Assert.True(verifier.Verify(other).IsValid);
        Assert.True(cli.ExitCode == 1, cli.ToString());
        Assert.StartsWith("invalid: Revoked: license " + id, cli.LastLine, StringComparison.Ordinal);
        Assert.Contains("revocations: issued ", cli.Output, StringComparison.Ordinal);
        Assert.True(cliFromUrl.ExitCode == 1, cliFromUrl.ToString());
        Assert.StartsWith("invalid: Revoked:", cliFromUrl.LastLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verifying_as_of_a_moment_before_the_termination_date_accepts_the_license()
    {
        var id = Ids.Next("R");
        var body = await IssuedBodies.Purchase(_ka, IssuedBodies.Today.AddDays(-10), IssuedBodies.Today.AddDays(30), purchaseId: id);
        await Revocations.Terminate(_ka, id);
        var document = await Save(await Revocations.Listing(_ka, id));

        var before = await Verify("--jwks", _files.Jwks, "--revocations", document, "--at", $"{IssuedBodies.Today.AddDays(-1):yyyy-MM-dd}T12:00:00Z", await _files.Save(body));

        Assert.True(before.ExitCode == 0, before.ToString());
    }

    [Fact]
    public async Task A_tampered_or_foreign_key_document_is_refused()
    {
        var id = Ids.Next("R");
        var body = await IssuedBodies.Purchase(_ka, IssuedBodies.Today, IssuedBodies.Today.AddDays(30), purchaseId: id);
        var keys = LicenseKeySet.FromJwks(await IssuedBodies.Jwks(_ka));
        var genuine = await Revocations.Fetch(_ka);
        var tampered = IssuedBodies.Tampered(genuine);
        var impostor = Revocations.SignedByAnotherKey(IssuedBodies.HeaderKeyId(genuine)!, id, DateTimeOffset.UtcNow);
        var foreign = Revocations.SignedByAnotherKey("someone-else", id, DateTimeOffset.UtcNow);

        Assert.Contains("BadSignature", Assert.Throws<FormatException>(() => RevocationList.Verify(tampered, keys)).Message, StringComparison.Ordinal);
        Assert.Contains("BadSignature", Assert.Throws<FormatException>(() => RevocationList.Verify(impostor, keys)).Message, StringComparison.Ordinal);
        Assert.Contains("UnknownKey", Assert.Throws<FormatException>(() => RevocationList.Verify(foreign, keys)).Message, StringComparison.Ordinal);
        Assert.Contains("expected 'someone-else'", Assert.Throws<FormatException>(() => RevocationList.Verify(genuine, keys, "someone-else")).Message, StringComparison.Ordinal);
        // A license body is signed by the same keys, but is no revocation document.
        Assert.Throws<FormatException>(() => RevocationList.Verify(body, keys));
        foreach (var document in new[] { tampered, impostor, foreign })
        {
            var cli = await Verify("--jwks", _files.Jwks, "--revocations", await Save(document), await _files.Save(body));
            Assert.True(cli.ExitCode == 2, cli.ToString());
            Assert.Contains("revocation document refused", cli.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task When_the_service_cannot_be_reached_the_last_copy_is_used_and_its_age_reported()
    {
        var id = Ids.Next("R");
        var body = await IssuedBodies.Purchase(_ka, IssuedBodies.Today, IssuedBodies.Today.AddDays(30), purchaseId: id);
        await Revocations.Terminate(_ka, id);
        await Revocations.Listing(_ka, id);
        var keys = LicenseKeySet.FromJwks(await IssuedBodies.Jwks(_ka));
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var service = new SwitchableHandler(frontend.BaseAddress);
        using var http = new HttpClient(service);
        using var fetcher = new RevocationListFetcher(http, new Uri(frontend.BaseAddress, Revocations.Path), keys, "orleans-licensing", time);

        var first = await fetcher.Get();
        service.Down = true;
        time.Advance(TimeSpan.FromHours(3));
        var later = await fetcher.Get();
        var result = new LicenseVerifier(keys, new VerificationPolicy { Revocations = later, TimeProvider = time }).Verify(body);

        Assert.NotNull(first);
        Assert.Same(first, later);
        Assert.NotNull(fetcher.LastError);
        Assert.Equal(VerificationFailure.Revoked, result.Failure);
        Assert.True(result.RevocationsStale);
        Assert.InRange(result.RevocationsAge!.Value, TimeSpan.FromHours(3), TimeSpan.FromHours(3) + TimeSpan.FromMinutes(1));

        // The tool keeps no copy: an old one is a file, here one issued now and used as of two days later.
        var old = await Save(await Revocations.Fetch(_ka));
        var cli = await Verify("--jwks", _files.Jwks, "--revocations", old, "--at", DateTimeOffset.UtcNow.AddDays(2).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), await _files.Save(body));
        Assert.True(cli.ExitCode == 1, cli.ToString());
        Assert.Contains("revocations: issued ", cli.Output, StringComparison.Ordinal);
        Assert.Contains(", 2d 0h old, ", cli.Output, StringComparison.Ordinal);
        Assert.Contains("past its next update", cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_older_document_replayed_after_a_newer_one_is_refused_and_the_newer_kept()
    {
        var keys = LicenseKeySet.FromJwks(await IssuedBodies.Jwks(_ka));
        var older = await Revocations.Fetch(_ka);
        var olderIssuedAt = RevocationList.Verify(older, keys).IssuedAt;
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var service = new SwitchableHandler(frontend.BaseAddress);
        using var http = new HttpClient(service);
        using var fetcher = new RevocationListFetcher(http, new Uri(frontend.BaseAddress, Revocations.Path), keys, time: time) { RetryDelay = TimeSpan.Zero };

        // The service renews its document every second here, and serves the old copy while it renews.
        var newer = await fetcher.Get();
        for (var i = 0; i < 40 && newer!.IssuedAt <= olderIssuedAt; i++)
        {
            await Task.Delay(250);
            time.Advance(TimeSpan.FromMinutes(1));
            newer = await fetcher.Get();
        }

        Assert.True(newer!.IssuedAt > olderIssuedAt, "the service published no newer document");
        service.Replay = older;
        time.Advance(TimeSpan.FromMinutes(5));
        var afterReplay = await fetcher.Get();

        Assert.Same(newer, afterReplay);
        Assert.Contains("older than the copy held", fetcher.LastError, StringComparison.Ordinal);
    }

    private async Task<string> Save(byte[] document)
    {
        var path = Path.Combine(_files.Directory, Guid.NewGuid().ToString("N") + ".revocations.jws");
        await File.WriteAllBytesAsync(path, document);
        return path;
    }

    private static Task<CommandResult> Verify(params string[] arguments) =>
        ExternalCommand.Run("dotnet", [RepositoryPaths.VerifyTool, .. arguments]);

    /// <summary>The network between a verifier and the service: passes requests on, fails them, or answers a recorded document.</summary>
    private sealed class SwitchableHandler(Uri service) : DelegatingHandler(new SocketsHttpHandler())
    {
        public bool Down { get; set; }

        public byte[]? Replay { get; set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Assert.Equal(service.Authority, request.RequestUri!.Authority);
            if (Down)
            {
                throw new HttpRequestException("connection refused (the service is down)");
            }

            if (Replay is { } recorded)
            {
                var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(recorded) };
                response.Content.Headers.ContentType = new MediaTypeHeaderValue("application/jose");
                return Task.FromResult(response);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
