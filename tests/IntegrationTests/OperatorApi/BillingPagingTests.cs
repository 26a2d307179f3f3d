using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Licensing.IntegrationTests.Support;

namespace Orleans.Licensing.IntegrationTests.OperatorApi;

/// <summary>The billing report read a license per page and streamed: the same document as one read of everything.</summary>
public sealed class BillingPagingTests(PagedBillingFrontend frontend) : IClassFixture<PagedBillingFrontend>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly DateOnly First = new(2016, 3, 1);
    private static readonly DateOnly Last = new(2016, 3, 31);

    [Fact]
    public async Task A_report_over_many_pages_equals_one_read_of_every_license()
    {
        var ka = frontend.NewClient();
        for (var i = 0; i < 12; i++)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"P{i:00}");
            var product = i % 3 == 0 ? "someproduct1-pro" : "someproduct1";
            var start = new DateOnly(2016, 2, 1).AddDays(i * 5);
            var answer = await ka.Post(KaForms.Purchase(id, start, start.AddDays(30), product, i % 4 == 1 ? "Y" : "N"));
            Assert.Equal(HttpStatusCode.OK, answer.Status);
            if (i % 5 == 2)
            {
                Assert.Equal(HttpStatusCode.OK, (await ka.Post(KaForms.Terminate(id, start.AddDays(20), product: product))).Status);
            }
            else if (i % 5 == 3)
            {
                Assert.Equal(HttpStatusCode.OK, (await ka.Post(KaForms.Renew(id, start.AddDays(25), start.AddDays(60), answer.Base64, product))).Status);
            }
        }

        using var http = new HttpClient { BaseAddress = frontend.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String("operator:operator-dev"u8));
        var query = string.Create(CultureInfo.InvariantCulture, $"/operator/billing?from={First:yyyy-MM-dd}&to={Last:yyyy-MM-dd}");
        var json = await http.GetStringAsync(new Uri(query, UriKind.Relative));
        var csv = await http.GetStringAsync(new Uri(query + "&format=csv", UriKind.Relative));
        var whole = await frontend.Services.GetRequiredService<IGrainFactory>().GetGrain<IReportingGrain>(0)
            .BillingPage(First, Last, null, IReportingGrain.MaxPageLicenses);

        var report = JsonSerializer.Deserialize<BillingReport>(json, Json)!;
        using var document = JsonDocument.Parse(json);
        Assert.Null(whole.Next);
        Assert.True(whole.Lines.Count >= 8, $"only {whole.Lines.Count} lines");
        Assert.Equal(whole.Lines, report.Lines);
        Assert.Equal(whole.LicensesConsidered, report.LicensesConsidered);
        Assert.Equal((First, Last), (report.From, report.To));
        Assert.Equal(["from", "to", "generatedAt", "lines", "licensesConsidered"], document.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            whole.Lines.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.PurchaseId},{l.ProductId},{l.ActiveDays},{l.FirstDay:yyyy-MM-dd},{l.LastDay:yyyy-MM-dd}")).Prepend("purchase_id,product_id,active_days,first_day,last_day"),
            csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task A_report_with_no_license_in_range_is_an_empty_document()
    {
        using var http = new HttpClient { BaseAddress = frontend.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String("operator:operator-dev"u8));

        var report = await http.GetFromJsonAsync<BillingReport>("/operator/billing?from=2190-01-01&to=2190-12-31", Json);
        var csv = await http.GetStringAsync(new Uri("/operator/billing?from=2190-01-01&to=2190-12-31&format=csv", UriKind.Relative));

        Assert.Empty(report!.Lines);
        Assert.Equal(0, report.LicensesConsidered);
        Assert.Equal("purchase_id,product_id,active_days,first_day,last_day\r\n", csv);
    }
}
