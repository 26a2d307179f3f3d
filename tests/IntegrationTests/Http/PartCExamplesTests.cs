using System.Globalization;
using System.Net;
using System.Text;
using IsvLicensing.Verifier;
using Orleans.Licensing.IntegrationTests.Support;

namespace Orleans.Licensing.IntegrationTests.Http;

/// <summary>Spec Part C, byte for byte and in order, against a fresh Development instance.</summary>
public sealed class PartCExamplesTests(EmbeddedFrontend frontend) : IClassFixture<EmbeddedFrontend>
{
    private const string Authorization = "Basic am9objpxd2UxMjM=";

    private async Task<KaAnswer> Send(string body)
    {
        using var http = new HttpClient { BaseAddress = frontend.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/ka") { Content = new StringContent(body, Encoding.ASCII) };
        request.Content.Headers.ContentType = new("application/x-www-form-urlencoded");
        request.Headers.Accept.ParseAdd("*/*");
        request.Headers.TryAddWithoutValidation("Authorization", Authorization);
        using var response = await http.SendAsync(request);
        return await KaAnswer.Read(response);
    }

    [Fact]
    public async Task The_guides_examples_get_the_guides_answers()
    {
        using var http = new HttpClient { BaseAddress = frontend.BaseAddress };
        var keys = LicenseKeySet.FromJwks(await http.GetStringAsync("/.well-known/jwks.json"));

        var purchase = await Send("APS_PROTOCOL_MODEL=2&APS_ACTION=PURCHASE&APS_TEST_MODE=N&PURCHASE_ID=12345678&PRODUCT_ID=someproduct1&PURCHASE_DATE=12%5c03%5c2016&SUBSCRIPTION_DATE=12%5c03%5c2016&START_DATE=12%5c03%5c2016&EXPIRY_DATE=22%5c04%5c2016&REG_NAME=54321");
        Assert.Equal(HttpStatusCode.OK, purchase.Status);
        Assert.Equal("application/octet-stream", purchase.ContentType);
        AssertExpiration("Fri, 22 Apr 2016", purchase.Expiration);
        var claims = LicenseTokenVerifier.Verify(purchase.Body, keys);
        Assert.True(claims.IsValid, claims.Failure.ToString());
        Assert.Equal(("12345678", "someproduct1", "Basic", false, "54321"), (claims.Claims!.PurchaseId, claims.Claims.ProductId, claims.Claims.Edition, claims.Claims.Test, claims.Claims.RegName));
        Assert.Equal(DateTimeOffset.Parse(purchase.Expiration!, CultureInfo.InvariantCulture), claims.Claims.ExpiresAt);

        var renew = await Send("APS_PROTOCOL_MODEL=2&APS_ACTION=RENEW&APS_TEST_MODE=N&PURCHASE_ID=12345678&PRODUCT_ID=someproduct1&PURCHASE_DATE=12%5c04%5c2016&SUBSCRIPTION_DATE=12%5c03%5c2016&START_DATE=12%5c04%5c2016&EXPIRY_DATE=22%5c05%5c2016&PREVIOUS_LICENSE_BODY=NCA4IDE1IDE2IDIzIDQy&REG_NAME=54321");
        Assert.Equal(HttpStatusCode.OK, renew.Status);
        AssertExpiration("Sun, 22 May 2016", renew.Expiration);
        Assert.Equal(2, LicenseTokenVerifier.Verify(renew.Body, keys).Claims!.Revision);

        var invalid = await Send("APS_PROTOCOL_MODEL=2&APS_ACTION=PURCHASE&APS_TEST_MODE=N&PURCHASE_ID=12345678&PRODUCT_ID=someproduct1&PURCHASE_DATE=12%5c03%5c2016&SUBSCRIPTION_DATE=12%5c03%5c2016&START_DATE=12%5c03%5c2016&EXPIRY_DATE=22%5c04%5c2015&REG_NAME=54321");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        Assert.Equal("text/plain; charset=utf-8", invalid.ContentType);
        Assert.StartsWith("Error: ", invalid.Text, StringComparison.Ordinal);
        Assert.Contains("expiration date", invalid.Text, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', invalid.Text);

        const string GetInfo = "APS_PROTOCOL_MODEL=3&APS_ACTION=GET-INFO&APS_TEST_MODE=N&PURCHASE_ID=12345678&PRODUCT_ID=someproduct1&REG_NAME=54321";
        var before = await Send(GetInfo);
        Assert.Equal(HttpStatusCode.OK, before.Status);
        Assert.Equal("application/json; charset=utf-8", before.ContentType);
        Assert.Equal("""{"version":"isv-reportable-1","usage":{"usedAccounts":0,"usedClusters":0}}""", before.Text);
        var reported = await frontend.NewClient().ReportUsage("12345678", """{"usedAccounts":20,"usedClusters":4}""");
        Assert.Equal(HttpStatusCode.OK, reported.Status);
        var after = await Send(GetInfo);
        Assert.Equal("""{"version":"isv-reportable-1","usage":{"usedAccounts":20,"usedClusters":4}}""", after.Text);

        var terminate = await Send("APS_ACTION=TERMINATE&APS_TEST_MODE=N&PURCHASE_ID=12345678&PRODUCT_ID=someproduct1&APS_TERMINATION_DATE=18%2f09%2f2016&PREVIOUS_LICENSE_BODY=NCA4IDE1IDE2IDIzIDQy");
        Assert.Equal(HttpStatusCode.OK, terminate.Status);
        Assert.Equal("License 12345678 is terminated.", terminate.Text);
        Assert.StartsWith("text/plain", terminate.ContentType, StringComparison.Ordinal);
    }

    /// <summary>B.6: the date KA asked for, at the time of day the answer was issued (now), GMT.</summary>
    private static void AssertExpiration(string expectedDay, string? header)
    {
        Assert.NotNull(header);
        Assert.Matches(@"^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$", header);
        Assert.StartsWith(expectedDay + " ", header, StringComparison.Ordinal);
        var timeOfDay = DateTimeOffset.Parse(header, CultureInfo.InvariantCulture).UtcDateTime.TimeOfDay;
        var drift = (DateTime.UtcNow.TimeOfDay - timeOfDay).Duration();
        Assert.True(drift < TimeSpan.FromMinutes(2) || drift > TimeSpan.FromHours(23.9), $"time of day {timeOfDay} is not the time of issue");
    }
}
