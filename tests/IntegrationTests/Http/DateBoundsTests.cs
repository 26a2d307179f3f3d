using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orleans.Licensing.IntegrationTests.Support;

namespace Orleans.Licensing.IntegrationTests.Http;

/// <summary>
/// B.3's bound on KA dates (years 1970 to 2199) and the billing period's, through the real pipeline: the
/// reproduction of the review's finding, where one PURCHASE from 0001 to 9999 and a TERMINATE on 0001-01-01 made
/// every later billing report answer 500.
/// </summary>
public sealed class DateBoundsTests(EmbeddedFrontend frontend) : IClassFixture<EmbeddedFrontend>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private HttpClient Operator()
    {
        var http = new HttpClient { BaseAddress = frontend.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String("operator:operator-dev"u8));
        return http;
    }

    [Fact]
    public async Task Dates_outside_1970_to_2199_are_refused_naming_the_field_and_billing_goes_on()
    {
        var ka = frontend.NewClient();
        var endless = Ids.Next("D");
        var kept = Ids.Next("D");
        using var http = Operator();

        var purchase = await ka.Post(
            $"APS_PROTOCOL_MODEL=2&APS_ACTION=PURCHASE&APS_TEST_MODE=N&PURCHASE_ID={endless}&PRODUCT_ID=someproduct1&START_DATE=01%5c01%5c0001&EXPIRY_DATE=31%5c12%5c9999");
        var stored = await http.GetAsync(new Uri($"/operator/licenses/{endless}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, (await ka.Post(KaForms.Purchase(kept, new DateOnly(2016, 3, 1), new DateOnly(2016, 4, 10)))).Status);
        var terminate = await ka.Post($"APS_ACTION=TERMINATE&APS_TEST_MODE=N&PURCHASE_ID={kept}&PRODUCT_ID=someproduct1&APS_TERMINATION_DATE=01/01/0001");
        var view = await http.GetFromJsonAsync<LicenseView>($"/operator/licenses/{kept}", Json);

        Assert.Equal(HttpStatusCode.BadRequest, purchase.Status);
        Assert.Equal(@"Error: START_DATE '01\01\0001' is outside the years 1970 to 2199", purchase.Text);
        Assert.Equal(HttpStatusCode.NotFound, stored.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, terminate.Status);
        Assert.Equal("Error: APS_TERMINATION_DATE '01/01/0001' is outside the years 1970 to 2199", terminate.Text);
        Assert.Null(view!.TerminationDate);
        foreach (var period in (string[])["from=2016-03-01&to=2016-03-31", "from=1970-01-01&to=2199-12-31", "from=2199-12-31&to=2199-12-31"])
        {
            using var report = await http.GetAsync(new Uri($"/operator/billing?{period}", UriKind.Relative));
            Assert.True(report.StatusCode == HttpStatusCode.OK, $"{period}: {report.StatusCode} {await report.Content.ReadAsStringAsync()}");
        }
    }

    [Theory]
    [InlineData("from=0001-01-01&to=2016-03-31", "Error: from 0001-01-01 is outside the years 1970 to 2199")]
    [InlineData("from=2016-03-01&to=9999-12-31", "Error: to 9999-12-31 is outside the years 1970 to 2199")]
    [InlineData("from=1969-12-31&to=2016-03-31", "Error: from 1969-12-31 is outside the years 1970 to 2199")]
    [InlineData("from=2016-03-01&to=2200-01-01", "Error: to 2200-01-01 is outside the years 1970 to 2199")]
    [InlineData("from=01/03/2016&to=2016-03-31", "Error: from '01/03/2016' is not a date as yyyy-MM-dd")]
    [InlineData("from=2016-03-01", "Error: to is required, as yyyy-MM-dd")]
    [InlineData("from=2016-03-01&to=2016-03-31&format=xml", "Error: format 'xml' is not json or csv")]
    public async Task A_billing_period_outside_the_bound_is_refused_naming_the_parameter(string query, string error)
    {
        using var http = Operator();

        using var response = await http.GetAsync(new Uri($"/operator/billing?{query}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(error, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_license_over_the_whole_bound_is_billed_over_the_whole_bound_at_once()
    {
        var ka = frontend.NewClient();
        var id = Ids.Next("W");
        var first = new DateOnly(1970, 1, 1);
        var last = new DateOnly(2199, 12, 31);
        var purchase = await ka.Post(KaForms.Purchase(id, first, last));
        Assert.Equal(HttpStatusCode.OK, purchase.Status);
        Assert.Equal(HttpStatusCode.OK, (await ka.Post(KaForms.Renew(id, first.AddDays(1), last, purchase.Base64))).Status);
        using var http = Operator();
        var clock = Stopwatch.StartNew();

        var report = await http.GetFromJsonAsync<BillingReport>("/operator/billing?from=1970-01-01&to=2199-12-31", Json);

        var line = Assert.Single(report!.Lines, l => l.PurchaseId == id);
        Assert.Equal((last.DayNumber - first.DayNumber + 1, first, last), (line.ActiveDays, line.FirstDay, line.LastDay));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), string.Create(CultureInfo.InvariantCulture, $"took {clock.Elapsed}"));
    }
}
