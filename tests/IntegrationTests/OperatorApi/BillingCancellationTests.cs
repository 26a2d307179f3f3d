using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Text;
using Orleans.Licensing.Hosting;
using Orleans.Licensing.IntegrationTests.Support;

namespace Orleans.Licensing.IntegrationTests.OperatorApi;

/// <summary>
/// A billing report whose client goes away stops being read. Runs alone (its collection is not parallel), so the
/// service's billing counters it watches count only its own report.
/// </summary>
[Collection(BillingScaleCollection.Name)]
public sealed class BillingCancellationTests(PagedBillingFrontend frontend) : IClassFixture<PagedBillingFrontend>
{
    private const int Licenses = 600;

    [Fact]
    public async Task A_client_that_goes_away_after_the_first_line_stops_the_report()
    {
        var ka = frontend.NewClient();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < Licenses)
            {
                var form = KaForms.Purchase(string.Create(CultureInfo.InvariantCulture, $"C{i:0000}"), new DateOnly(2016, 3, 1), new DateOnly(2016, 4, 10));
                var answer = await ka.Post(form);
                while (answer.Status == HttpStatusCode.ServiceUnavailable)
                {
                    answer = await ka.Post(form); // SQLite's writer lock under load; KA retries
                }

                Assert.Equal(HttpStatusCode.OK, answer.Status);
            }
        })));

        long pages = 0, cancelled = 0, completed = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, meters) =>
        {
            if (instrument.Meter.Name == LicensingTelemetry.Name && instrument.Name is "licensing.billing.pages" or "licensing.billing.reports")
            {
                meters.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "licensing.billing.pages")
            {
                Interlocked.Add(ref pages, value);
                return;
            }

            foreach (var tag in tags)
            {
                if (tag is { Key: "outcome", Value: "cancelled" })
                {
                    Interlocked.Add(ref cancelled, value);
                }
                else if (tag is { Key: "outcome", Value: "completed" })
                {
                    Interlocked.Add(ref completed, value);
                }
            }
        });
        listener.Start();

        // No draining of an unread body: disposing it closes the connection, as a client that goes away does.
        using (var http = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { BaseAddress = frontend.BaseAddress })
        {
            http.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String("operator:operator-dev"u8));
            using var response = await http.GetAsync(new Uri("/operator/billing?from=2016-03-01&to=2016-03-31&format=csv", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await using var body = await response.Content.ReadAsStreamAsync();
            var received = new StringBuilder();
            var buffer = new byte[256];
            while (received.ToString().Split("\r\n").Length < 3)
            {
                var read = await body.ReadAsync(buffer);
                Assert.True(read > 0, "the report ended before its first line");
                received.Append(Encoding.UTF8.GetString(buffer, 0, read));
            }
        }

        for (var waited = 0; Interlocked.Read(ref cancelled) + Interlocked.Read(ref completed) == 0 && waited < 300; waited++)
        {
            await Task.Delay(100);
        }

        var readWhenCancelled = Interlocked.Read(ref pages);
        await Task.Delay(500);
        Assert.Equal((1L, 0L), (Interlocked.Read(ref cancelled), Interlocked.Read(ref completed)));
        Assert.True(readWhenCancelled < Licenses, $"{readWhenCancelled} pages of {Licenses} were read");
        Assert.Equal(readWhenCancelled, Interlocked.Read(ref pages));
    }
}
