using System.Net;
using System.Text.Json;
using Orleans.Licensing.IntegrationTests.Support;

namespace Orleans.Licensing.IntegrationTests.Http;

/// <summary>
/// B.5's restore, as an operator meets it: the database is lost (a second instance, empty, same signing key)
/// and KA's next RENEW carries the body we signed.
/// </summary>
public sealed class RestoreTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> SharedKey = new()
    {
        ["Licensing:Signing:Keys:0:PrivateKeyPem"] = TestEnvironment.NewSigningKeyPem(),
    };

    // Set by InitializeAsync, each once the one before it started.
    private SameKeyFrontend _before = null!;
    private SameKeyFrontend _after = null!;
    private OtherIssuerFrontend _otherIssuer = null!;

    public async Task InitializeAsync()
    {
        _before = await Started<SameKeyFrontend>();
        _after = await Started<SameKeyFrontend>();
        _otherIssuer = await Started<OtherIssuerFrontend>();
    }

    public async Task DisposeAsync()
    {
        // A failed start leaves the later ones unset.
        foreach (var frontend in new EmbeddedFrontend?[] { _before, _after, _otherIssuer })
        {
            if (frontend is not null)
            {
                await frontend.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_renewal_carrying_our_body_brings_a_lost_license_back()
    {
        var id = Ids.Next();
        var start = new DateOnly(2016, 3, 12);
        var purchase = await _before.NewClient().Post(KaForms.Purchase(id, start, new DateOnly(2016, 4, 22), testMode: "Y"));
        Assert.Equal(HttpStatusCode.OK, purchase.Status);

        var ka = _after.NewClient();
        var withoutBody = await ka.Post(KaForms.Renew(id, new DateOnly(2016, 4, 12), new DateOnly(2016, 5, 22)));
        var withBody = await ka.Post(KaForms.Renew(id, new DateOnly(2016, 4, 12), new DateOnly(2016, 5, 22), purchase.Base64));

        Assert.Equal(HttpStatusCode.NotFound, withoutBody.Status);
        Assert.Equal(HttpStatusCode.OK, withBody.Status);
        using var operatorHttp = new HttpClient { BaseAddress = _after.BaseAddress };
        operatorHttp.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String("operator:operator-dev"u8));
        using var view = JsonDocument.Parse(await operatorHttp.GetStringAsync(new Uri($"/operator/licenses/{id}", UriKind.Relative)));
        Assert.Equal(["Restore", "Renew"], view.RootElement.GetProperty("issuances").EnumerateArray().Select(i => i.GetProperty("cause").GetString()));
        Assert.True(view.RootElement.GetProperty("testMode").GetBoolean());
    }

    /// <summary>
    /// B.5 restores only "a body this service signed": another service that publishes the same key (a key shared
    /// by mistake, or a retired key both still publish) signs with its own <c>iss</c>, and its bodies restore nothing.
    /// </summary>
    [Fact]
    public async Task A_body_signed_with_our_key_by_another_issuer_restores_nothing_on_renew_upgrade_or_terminate()
    {
        var id = Ids.Next();
        var foreign = await _otherIssuer.NewClient().Post(KaForms.Purchase(id, new DateOnly(2016, 3, 12), new DateOnly(2016, 4, 22)));
        Assert.Equal(HttpStatusCode.OK, foreign.Status);

        var ka = _after.NewClient();
        var renew = await ka.Post(KaForms.Renew(id, new DateOnly(2016, 4, 12), new DateOnly(2016, 5, 22), foreign.Base64));
        var upgrade = await ka.Post(KaForms.Upgrade(id, "someproduct1-pro", new DateOnly(2016, 3, 12), new DateOnly(2016, 4, 22), previousBody: foreign.Base64));

        // TERMINATE of an unknown id answers 200 either way (B.5); a body of ours would have been kept, terminated.
        var terminatedId = Ids.Next();
        var foreignTerminated = await _otherIssuer.NewClient().Post(KaForms.Purchase(terminatedId, new DateOnly(2016, 3, 12), new DateOnly(2016, 4, 22)));
        var terminate = await ka.Post(KaForms.Terminate(terminatedId, new DateOnly(2016, 4, 1), foreignTerminated.Base64));

        using var operatorHttp = new HttpClient { BaseAddress = _after.BaseAddress };
        operatorHttp.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String("operator:operator-dev"u8));
        using var view = await operatorHttp.GetAsync(new Uri($"/operator/licenses/{id}", UriKind.Relative));
        using var terminatedView = await operatorHttp.GetAsync(new Uri($"/operator/licenses/{terminatedId}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, terminate.Status);
        Assert.Equal(HttpStatusCode.NotFound, terminatedView.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, renew.Status);
        Assert.Equal(HttpStatusCode.NotFound, upgrade.Status);
        Assert.Equal(HttpStatusCode.NotFound, view.StatusCode);
    }

    private static async Task<T> Started<T>()
        where T : EmbeddedFrontend, new()
    {
        var frontend = new T();
        await frontend.InitializeAsync();
        return frontend;
    }

    private sealed class SameKeyFrontend() : EmbeddedFrontend(SharedKey);

    private sealed class OtherIssuerFrontend() : EmbeddedFrontend(new Dictionary<string, string?>(SharedKey)
    {
        ["Licensing:Signing:Issuer"] = "someone-else",
    });
}
