using System.Net;
using System.Text;
using System.Text.Json;
using IsvLicensing.Verifier;
using Microsoft.Data.Sqlite;
using Orleans.Licensing.IntegrationTests.Support;

namespace Orleans.Licensing.IntegrationTests.Http;

/// <summary>Spec B.1 and B.3–B.6, B.10, B.11 through the real ASP.NET pipeline and an embedded silo on SQLite.</summary>
[Collection(FrontendCollection.Name)]
public sealed class KaEndpointTests(EmbeddedFrontend frontend)
{
    private static readonly DateOnly March12 = new(2016, 3, 12);
    private static readonly DateOnly April12 = new(2016, 4, 12);
    private static readonly DateOnly April22 = new(2016, 4, 22);
    private static readonly DateOnly May22 = new(2016, 5, 22);

    private readonly KaClient _ka = frontend.NewClient();

    private async Task<LicenseClaims> Claims(KaAnswer answer)
    {
        var keys = LicenseKeySet.FromJwks(await _ka.Http.GetStringAsync("/.well-known/jwks.json"));
        var result = LicenseTokenVerifier.Verify(answer.Body, keys);
        Assert.True(result.IsValid, result.Failure.ToString());
        return result.Claims!;
    }

    [Fact]
    public async Task A_repeated_request_gets_the_identical_body_and_expiry_and_changes_nothing()
    {
        var id = Ids.Next();
        var purchase = await _ka.Post(KaForms.Purchase(id, March12, April22));
        var renew = await _ka.Post(KaForms.Renew(id, April12, May22, purchase.Base64));
        await Task.Delay(1100); // a later second would show in a re-issued body
        var purchaseAgain = await _ka.Post(KaForms.Purchase(id, March12, April22));
        var renewAgain = await _ka.Post(KaForms.Renew(id, April12, May22, purchase.Base64));

        Assert.Equal(HttpStatusCode.OK, purchaseAgain.Status);
        Assert.Equal(purchase.Body, purchaseAgain.Body);
        Assert.Equal(purchase.Expiration, purchaseAgain.Expiration);
        Assert.Equal(renew.Body, renewAgain.Body);
        Assert.Equal(renew.Expiration, renewAgain.Expiration);
        using var view = JsonDocument.Parse(await Describe(id));
        Assert.Equal(2, view.RootElement.GetProperty("issuances").GetArrayLength());
    }

    [Fact]
    public async Task A_purchase_for_an_existing_id_that_is_not_a_repeat_is_a_conflict()
    {
        var id = Ids.Next();
        await _ka.Post(KaForms.Purchase(id, March12, April22));

        var other = await _ka.Post(KaForms.Purchase(id, March12, May22));

        Assert.Equal(HttpStatusCode.Conflict, other.Status);
        Assert.StartsWith("Error: ", other.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Renew_and_upgrade_and_get_info_for_an_unknown_id_are_not_found()
    {
        var id = Ids.Next();

        Assert.Equal(HttpStatusCode.NotFound, (await _ka.Post(KaForms.Renew(id, April12, May22, "NCA4IDE1IDE2IDIzIDQy"))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _ka.Post(KaForms.Upgrade(id, "someproduct1-pro", March12, April22))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _ka.Post(KaForms.GetInfo(id))).Status);
    }

    [Fact]
    public async Task A_stale_renewal_is_refused_and_a_renewal_after_a_lapse_is_accepted()
    {
        var id = Ids.Next();
        await _ka.Post(KaForms.Purchase(id, March12, May22));

        var stale = await _ka.Post(KaForms.Renew(id, March12, April22));
        var lapsed = await _ka.Post(KaForms.Renew(id, new DateOnly(2016, 7, 1), new DateOnly(2016, 8, 11)));

        Assert.Equal(HttpStatusCode.Conflict, stale.Status);
        Assert.Contains("EXPIRY_DATE", stale.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, lapsed.Status);
        Assert.StartsWith("Thu, 11 Aug 2016 ", lapsed.Expiration, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upgrade_switches_the_product_and_keeps_the_dates()
    {
        var id = Ids.Next();
        var purchase = await _ka.Post(KaForms.Purchase(id, March12, April22));

        var upgrade = await _ka.Post(KaForms.Upgrade(id, "someproduct1-pro", March12, April22, purchase.Base64));

        Assert.Equal(HttpStatusCode.OK, upgrade.Status);
        var claims = await Claims(upgrade);
        Assert.Equal(("someproduct1-pro", "Pro", March12, April22), (claims.ProductId, claims.Edition, claims.StartDate, claims.ExpiryDate));
        Assert.StartsWith("Fri, 22 Apr 2016 ", upgrade.Expiration, StringComparison.Ordinal);
        Assert.NotEqual(purchase.Body, upgrade.Body);
    }

    [Fact]
    public async Task Termination_is_final_and_idempotent()
    {
        var id = Ids.Next();
        var purchase = await _ka.Post(KaForms.Purchase(id, March12, April22));

        var first = await _ka.Post(KaForms.Terminate(id, new DateOnly(2016, 9, 18), purchase.Base64));
        var second = await _ka.Post(KaForms.Terminate(id, new DateOnly(2016, 9, 19)));
        var renew = await _ka.Post(KaForms.Renew(id, April12, May22));
        var repeat = await _ka.Post(KaForms.Purchase(id, March12, April22));
        var info = await _ka.Post(KaForms.GetInfo(id));
        var unknown = await _ka.Post(KaForms.Terminate(Ids.Next(), new DateOnly(2016, 9, 18)));

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal($"License {id} is terminated.", second.Text);
        Assert.Equal(HttpStatusCode.Conflict, renew.Status);
        Assert.Equal(HttpStatusCode.Conflict, repeat.Status);
        Assert.Equal(HttpStatusCode.Conflict, info.Status);
        Assert.Equal(HttpStatusCode.OK, unknown.Status);
        using var view = JsonDocument.Parse(await Describe(id));
        Assert.Equal("2016-09-18", view.RootElement.GetProperty("terminationDate").GetString());
    }

    [Fact]
    public async Task Ids_that_differ_only_by_leading_zeros_are_different_licenses()
    {
        var shortId = Ids.Next("");
        var padded = "0" + shortId;

        var a = await _ka.Post(KaForms.Purchase(shortId, March12, April22));
        var b = await _ka.Post(KaForms.Purchase(padded, March12, May22, product: "someproduct1-pro"));

        Assert.Equal(HttpStatusCode.OK, a.Status);
        Assert.Equal(HttpStatusCode.OK, b.Status);
        Assert.Equal(shortId, (await Claims(a)).PurchaseId);
        Assert.Equal(padded, (await Claims(b)).PurchaseId);
        Assert.Equal(a.Body, (await _ka.Post(KaForms.Purchase(shortId, March12, April22))).Body);
        Assert.Equal("someproduct1-pro", JsonDocument.Parse(await Describe(padded)).RootElement.GetProperty("productId").GetString());
    }

    [Fact]
    public async Task A_test_license_is_signed_marked_as_test_and_keeps_the_mark()
    {
        var id = Ids.Next();
        var purchase = await _ka.Post(KaForms.Purchase(id, March12, April22, testMode: "Y"));
        var renew = await _ka.Post(KaForms.Renew(id, April12, May22));

        Assert.True((await Claims(purchase)).Test);
        Assert.True((await Claims(renew)).Test);
    }

    [Fact]
    public async Task Usage_reports_are_validated_against_the_products_counters()
    {
        var id = Ids.Next();
        await _ka.Post(KaForms.Purchase(id, March12, April22));

        var unknownCounter = await _ka.ReportUsage(id, """{"usedDisks":1}""");
        var negative = await _ka.ReportUsage(id, """{"usedAccounts":-1}""");
        var fraction = await _ka.ReportUsage(id, """{"usedAccounts":1.5}""");
        var partial = await _ka.ReportUsage(id, """{"usedClusters":3}""");
        var info = await _ka.Post(KaForms.GetInfo(id));

        Assert.Equal(HttpStatusCode.BadRequest, unknownCounter.Status);
        Assert.Contains("usedDisks", unknownCounter.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, negative.Status);
        Assert.Equal(HttpStatusCode.BadRequest, fraction.Status);
        Assert.Equal(HttpStatusCode.OK, partial.Status);
        Assert.Equal("""{"version":"isv-reportable-1","usage":{"usedAccounts":0,"usedClusters":3}}""", info.Text);
    }

    [Theory]
    [InlineData("APS_ACTION=PURCHASE&PURCHASE_ID=1&PRODUCT_ID=nosuchproduct&START_DATE=12/03/2016&EXPIRY_DATE=22/04/2016", "PRODUCT_ID")]
    [InlineData("APS_ACTION=PURCHASE&PURCHASE_ID=1&PURCHASE_ID=2&PRODUCT_ID=someproduct1&START_DATE=12/03/2016&EXPIRY_DATE=22/04/2016", "PURCHASE_ID")]
    [InlineData("APS_ACTION=PURCHASE&PURCHASE_ID=1&PRODUCT_ID=someproduct1&START_DATE=31/02/2016&EXPIRY_DATE=22/04/2016", "START_DATE")]
    [InlineData("APS_ACTION=GET-INFO&PURCHASE_ID=1&PRODUCT_ID=someproduct1", "APS_PROTOCOL_MODEL")]
    [InlineData("APS_ACTION=RENEW&PURCHASE_ID=1&PRODUCT_ID=someproduct1&START_DATE=12/03/2016&EXPIRY_DATE=22/04/2016&PREVIOUS_LICENSE_BODY=%25%25%25", "PREVIOUS_LICENSE_BODY")]
    [InlineData("APS_ACTION=ERASE&PURCHASE_ID=1&PRODUCT_ID=someproduct1", "APS_ACTION")]
    public async Task Invalid_requests_get_400_naming_the_field_and_store_nothing(string form, string field)
    {
        var answer = await _ka.Post(form);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("text/plain; charset=utf-8", answer.ContentType);
        Assert.StartsWith("Error: ", answer.Text, StringComparison.Ordinal);
        Assert.Contains(field, answer.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await Operator().GetAsync(new Uri("/operator/licenses/1", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_PRODUCT_ID_the_catalog_does_not_know_gets_400_for_every_action_and_changes_nothing()
    {
        var id = Ids.Next();
        var purchase = await _ka.Post(KaForms.Purchase(id, March12, April22));
        const string unknown = "noSuchProduct";

        (string Action, string Form)[] forms =
        [
            ("PURCHASE", KaForms.Purchase(Ids.Next(), March12, April22, product: unknown)),
            ("RENEW", KaForms.Renew(id, April12, May22, purchase.Base64, product: unknown)),
            ("UPGRADE", KaForms.Upgrade(id, unknown, March12, April22)),
            ("GET-INFO", KaForms.GetInfo(id, unknown)),
            ("TERMINATE", KaForms.Terminate(id, May22, product: unknown)),
        ];
        foreach (var (action, form) in forms)
        {
            var answer = await _ka.Post(form);

            Assert.True(answer.Status == HttpStatusCode.BadRequest, $"{action}: {(int)answer.Status} {answer.Text}");
            Assert.Equal($"Error: PRODUCT_ID '{unknown}' is not in the catalog", answer.Text);
        }

        using var view = JsonDocument.Parse(await Describe(id));
        Assert.NotEqual("Terminated", view.RootElement.GetProperty("status").GetString());
        Assert.Equal(1, view.RootElement.GetProperty("issuances").GetArrayLength());
    }

    [Fact]
    public async Task Unknown_fields_are_ignored()
    {
        var id = Ids.Next();

        var answer = await _ka.Post(KaForms.Purchase(id, March12, April22) + "&APS_FUTURE_FIELD=x&ANOTHER=1&ANOTHER=2");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
    }

    [Fact]
    public async Task Other_methods_get_405_with_allow_post()
    {
        using var response = await _ka.Http.GetAsync(new Uri("/ka", UriKind.Relative));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["POST"], response.Content.Headers.Allow);
        Assert.StartsWith("Error: ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_is_not_a_form_gets_415_and_one_over_a_mebibyte_gets_413()
    {
        using var json = new HttpRequestMessage(HttpMethod.Post, "/ka") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        json.Headers.Authorization = new("Basic", "am9objpxd2UxMjM=");
        using var jsonResponse = await _ka.Http.SendAsync(json);

        using var huge = new HttpRequestMessage(HttpMethod.Post, "/ka")
        {
            Content = new StringContent("ACTIVATION_DATA=" + new string('a', 1024 * 1024 + 1), Encoding.ASCII, "application/x-www-form-urlencoded"),
        };
        huge.Headers.Authorization = new("Basic", "am9objpxd2UxMjM=");
        using var hugeResponse = await _ka.Http.SendAsync(huge);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, jsonResponse.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, hugeResponse.StatusCode);
        Assert.StartsWith("Error: ", await hugeResponse.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_storage_refuses_the_write_ka_gets_503_and_its_retry_succeeds_while_get_info_still_answers()
    {
        var id = Ids.Next();
        await _ka.Post(KaForms.Purchase(id, March12, April22));

        KaAnswer refused;
        KaAnswer usage;
        // Not pooled: a pooled connection would go back to the pool still holding the lock.
        await using (var blocker = new SqliteConnection($"Data Source={Path.Combine(frontend.DataDirectory, "licensing.db")};Pooling=False"))
        {
            await blocker.OpenAsync();
            await using var begin = blocker.CreateCommand();
            begin.CommandText = "BEGIN EXCLUSIVE";
            await begin.ExecuteNonQueryAsync();
            refused = await _ka.Post(KaForms.Renew(id, April12, May22));
            // B.9: GET-INFO answers from the grain, so it works while the database is locked.
            usage = await _ka.Post(KaForms.GetInfo(id));
        }

        var retried = await _ka.Post(KaForms.Renew(id, April12, May22));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.Status);
        Assert.StartsWith("Error: ", refused.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, retried.Status);
        Assert.StartsWith("Sun, 22 May 2016 ", retried.Expiration, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, usage.Status);
    }

    private HttpClient Operator()
    {
        var http = new HttpClient { BaseAddress = frontend.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String("operator:operator-dev"u8));
        return http;
    }

    private async Task<string> Describe(string id)
    {
        using var http = Operator();
        return await http.GetStringAsync(new Uri($"/operator/licenses/{id}", UriKind.Relative));
    }
}
