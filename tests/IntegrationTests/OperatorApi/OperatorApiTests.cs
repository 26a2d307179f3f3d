using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orleans.Licensing.IntegrationTests.Support;

namespace Orleans.Licensing.IntegrationTests.OperatorApi;

/// <summary>The operator API over a fresh instance, so the billing report's totals are exactly ours.</summary>
public sealed class OperatorApiTests(EmbeddedFrontend frontend) : IClassFixture<EmbeddedFrontend>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private HttpClient Operator()
    {
        var http = new HttpClient { BaseAddress = frontend.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String("operator:operator-dev"u8));
        return http;
    }

    [Fact]
    public async Task The_billing_report_bills_real_licenses_by_active_days_per_product()
    {
        var ka = frontend.NewClient();
        var first = Today.AddDays(-10);
        var last = Today.AddDays(20);
        // Independent count, by construction: what each license must be billed within [first, last].
        var expected = new Dictionary<(string, string), int>();

        var whole = Ids.Next("B");
        await Ok(ka, KaForms.Purchase(whole, first.AddDays(-5), last.AddDays(5)));
        expected[(whole, "someproduct1")] = 31;

        var test = Ids.Next("B");
        await Ok(ka, KaForms.Purchase(test, first, last, testMode: "Y")); // B.10: never billed

        var terminated = Ids.Next("B");
        await Ok(ka, KaForms.Purchase(terminated, first, last));
        await Ok(ka, KaForms.Terminate(terminated, first.AddDays(10)));
        expected[(terminated, "someproduct1")] = 10;

        var renewed = Ids.Next("B");
        var purchase = await Ok(ka, KaForms.Purchase(renewed, first.AddDays(-20), first.AddDays(5)));
        await Ok(ka, KaForms.Renew(renewed, first.AddDays(2), last.AddDays(30), purchase.Base64));
        expected[(renewed, "someproduct1")] = 31;

        var upgraded = Ids.Next("B");
        await Ok(ka, KaForms.Purchase(upgraded, first, last));
        await Ok(ka, KaForms.Upgrade(upgraded, "someproduct1-pro", first, last));
        expected[(upgraded, "someproduct1")] = 10; // first .. yesterday
        expected[(upgraded, "someproduct1-pro")] = 21; // today .. last

        var later = Ids.Next("B");
        await Ok(ka, KaForms.Purchase(later, last.AddDays(1), last.AddDays(40))); // starts after the period
        // Other tests of this class share the instance: look only at this test's licenses.
        string[] ours = [whole, test, terminated, renewed, upgraded, later];

        using var http = Operator();
        var report = await http.GetFromJsonAsync<BillingReport>(
            string.Create(CultureInfo.InvariantCulture, $"/operator/billing?from={first:yyyy-MM-dd}&to={last:yyyy-MM-dd}"), Json);
        var csv = await http.GetStringAsync(new Uri(string.Create(CultureInfo.InvariantCulture, $"/operator/billing?from={first:yyyy-MM-dd}&to={last:yyyy-MM-dd}&format=csv"), UriKind.Relative));

        Assert.Equal(
            expected.OrderBy(e => e.Key).Select(e => (e.Key.Item1, e.Key.Item2, e.Value)),
            report!.Lines.Where(l => ours.Contains(l.PurchaseId)).Select(l => (l.PurchaseId, l.ProductId, l.ActiveDays)).OrderBy(l => (l.PurchaseId, l.ProductId)));
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("purchase_id,product_id,active_days,first_day,last_day", rows[0]);
        Assert.Equal(expected.Count, rows.Count(r => ours.Contains(r.Split(',')[0])));
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{upgraded},someproduct1-pro,21,{Today:yyyy-MM-dd},{last:yyyy-MM-dd}"), rows);
    }

    [Fact]
    public async Task Licenses_are_listed_by_product_and_status_a_page_at_a_time()
    {
        var ka = frontend.NewClient();
        var prefix = Ids.Next("Z");
        var ids = Enumerable.Range(0, 5).Select(i => prefix[..6] + i.ToString(CultureInfo.InvariantCulture)).ToList();
        foreach (var id in ids)
        {
            await Ok(ka, KaForms.Purchase(id, Today.AddDays(-1), Today.AddDays(30), product: "someproduct1-pro"));
        }

        await Ok(ka, KaForms.Terminate(ids[0], Today));
        using var http = Operator();
        var seen = new List<LicenseSummary>();
        string? after = null;
        do
        {
            var page = await http.GetFromJsonAsync<LicensePage>($"/operator/licenses?product=someproduct1-pro&status=Active&limit=2&after={after}", Json);
            Assert.True(page!.Items.Count <= 2);
            seen.AddRange(page.Items);
            after = page.Next;
        }
        while (after is not null);

        var ours = seen.Where(s => ids.Contains(s.PurchaseId)).ToList();
        Assert.Equal(ids.Skip(1), ours.Select(s => s.PurchaseId));
        Assert.All(ours, s => Assert.Equal(("someproduct1-pro", "Active"), (s.ProductId, s.Status)));
        var terminated = await http.GetFromJsonAsync<LicensePage>("/operator/licenses?status=Terminated&limit=1000", Json);
        Assert.Contains(terminated!.Items, s => s.PurchaseId == ids[0]);
        foreach (var limit in new[] { "0", "1001", "abc", "", "99999999999", "-5" })
        {
            using var refused = await http.GetAsync(new Uri($"/operator/licenses?limit={limit}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal($"Error: limit '{limit}' is not a whole number between 1 and 1000", await refused.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Every_change_of_a_license_is_in_its_audit_trail_with_its_cause()
    {
        var ka = frontend.NewClient();
        var id = Ids.Next("A");
        var purchase = await Ok(ka, KaForms.Purchase(id, Today, Today.AddDays(30)));
        await Ok(ka, KaForms.Renew(id, Today.AddDays(20), Today.AddDays(60), purchase.Base64));
        Assert.Equal(HttpStatusCode.OK, (await ka.ReportUsage(id, """{"usedAccounts":3}""")).Status);
        await Ok(ka, KaForms.Purchase(id, Today, Today.AddDays(30))); // a repeat changes nothing
        await Ok(ka, KaForms.Terminate(id, Today.AddDays(61)));

        using var http = Operator();
        var view = await http.GetFromJsonAsync<LicenseView>($"/operator/licenses/{id}", Json);

        Assert.Equal(["KA PURCHASE", "KA RENEW", "Operator usage report", "KA TERMINATE"], view!.Audit.Select(a => a.Cause));
        Assert.Contains("usedAccounts=3", view.Audit[2].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_path_that_is_no_purchase_id_is_refused_naming_it()
    {
        using var http = Operator();

        using var read = await http.GetAsync(new Uri("/operator/licenses/12-34", UriKind.Relative));
        using var usage = await http.PutAsync(new Uri("/operator/licenses/12345678901/usage", UriKind.Relative), JsonContent.Create(new { usedAccounts = 1 }));

        Assert.Equal(HttpStatusCode.BadRequest, read.StatusCode);
        Assert.Contains("'12-34' is not a PURCHASE_ID", await read.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, usage.StatusCode);
        Assert.Contains("'12345678901' is not a PURCHASE_ID", await usage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<KaAnswer> Ok(KaClient ka, string form)
    {
        var answer = await ka.Post(form);
        Assert.True(answer.Status == HttpStatusCode.OK, $"{answer.Status}: {answer.Text} <- {form}");
        return answer;
    }
}
