using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orleans.Licensing.IntegrationTests.Support;
using Xunit.Abstractions;

namespace Orleans.Licensing.IntegrationTests.OperatorApi;

/// <summary>
/// The billing report over many licenses issued through the real endpoint and grains: produced well under a
/// minute, and equal to an independent count kept by the test while it issued them.
/// </summary>
[Collection(BillingScaleCollection.Name)]
public sealed class BillingScaleTests(EmbeddedFrontend frontend, ITestOutputHelper output) : IClassFixture<EmbeddedFrontend>
{
    /// <summary>
    /// 20,000 in the everyday suite (about a minute on 2 cores: SQLite with full fsync takes ~370 writes/s);
    /// LICENSING_BILLING_LICENSES=100000 is the acceptance run.
    /// </summary>
    private static readonly int Licenses = int.Parse(Environment.GetEnvironmentVariable("LICENSING_BILLING_LICENSES") ?? "20000", CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_billing_report_over_many_licenses_is_fast_and_matches_an_independent_count()
    {
        var first = new DateOnly(2016, 3, 1);
        var last = new DateOnly(2016, 3, 31);
        var expected = new long[3]; // days of real someproduct1, real someproduct1-pro, and the count of real licenses
        var issuing = Stopwatch.StartNew();
        var next = -1;
        var retries = 0;
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = frontend.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        var ka = new KaClient(http);
        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < Licenses)
            {
                // Starts spread over February and March, 20 to 49 days long; every fifth a test license, every third Pro.
                var start = new DateOnly(2016, 2, 1).AddDays(i % 59);
                var expiry = start.AddDays(20 + (i % 30));
                var test = i % 5 == 0;
                var product = i % 3 == 0 ? "someproduct1-pro" : "someproduct1";
                var form = KaForms.Purchase("S" + i.ToString(CultureInfo.InvariantCulture), start, expiry, product, test ? "Y" : "N");
                var answer = await ka.Post(form);
                while (answer.Status == HttpStatusCode.ServiceUnavailable)
                {
                    // SQLite serializes writers; under this load some wait out their lock timeout. KA retries.
                    Interlocked.Increment(ref retries);
                    answer = await ka.Post(form);
                }

                Assert.Equal(HttpStatusCode.OK, answer.Status);
                if (!test)
                {
                    var from = start > first ? start : first;
                    var to = expiry < last ? expiry : last;
                    var days = to >= from ? to.DayNumber - from.DayNumber + 1 : 0;
                    Interlocked.Add(ref expected[product == "someproduct1" ? 0 : 1], days);
                    if (days > 0)
                    {
                        Interlocked.Increment(ref expected[2]);
                    }
                }
            }
        })));
        issuing.Stop();

        using var operatorHttp = new HttpClient { BaseAddress = frontend.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        operatorHttp.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String("operator:operator-dev"u8));
        var reporting = Stopwatch.StartNew();
        var report = await operatorHttp.GetFromJsonAsync<BillingReport>(
            string.Create(CultureInfo.InvariantCulture, $"/operator/billing?from={first:yyyy-MM-dd}&to={last:yyyy-MM-dd}"), new JsonSerializerOptions(JsonSerializerDefaults.Web));
        reporting.Stop();
        var again = Stopwatch.StartNew();
        await operatorHttp.GetStringAsync(new Uri(string.Create(CultureInfo.InvariantCulture, $"/operator/billing?from={first:yyyy-MM-dd}&to={last:yyyy-MM-dd}&format=csv"), UriKind.Relative));
        again.Stop();

        var line = string.Create(CultureInfo.InvariantCulture,
            $"billing scale: licenses={Licenses} issued in {issuing.Elapsed.TotalSeconds:F1}s ({Licenses / issuing.Elapsed.TotalSeconds:F0}/s, {retries} retried after 503); first report {reporting.Elapsed.TotalSeconds:F1}s, next report {again.Elapsed.TotalSeconds:F1}s; lines={report!.Lines.Count}");
        output.WriteLine(line);
        Console.WriteLine(line);
        Assert.Equal(expected[2], report.Lines.Select(l => l.PurchaseId).Distinct().Count());
        Assert.Equal(expected[0], report.Lines.Where(l => l.ProductId == "someproduct1").Sum(l => (long)l.ActiveDays));
        Assert.Equal(expected[1], report.Lines.Where(l => l.ProductId == "someproduct1-pro").Sum(l => (long)l.ActiveDays));
        Assert.True(reporting.Elapsed < TimeSpan.FromSeconds(30), $"the report took {reporting.Elapsed}");
    }
}
