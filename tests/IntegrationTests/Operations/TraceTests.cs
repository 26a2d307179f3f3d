using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Orleans.Licensing.Hosting;
using Orleans.Licensing.IntegrationTests.Support;

namespace Orleans.Licensing.IntegrationTests.Operations;

/// <summary>Traces carry the PURCHASE_ID from the KA request into the grain call.</summary>
[Collection(FrontendCollection.Name)]
public sealed class TraceTests(EmbeddedFrontend frontend)
{
    [Fact]
    public async Task A_ka_request_is_traced_with_its_purchase_id_and_the_grain_call_is_its_child()
    {
        var stopped = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is LicensingTelemetry.Name or "Microsoft.AspNetCore" || source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Add,
        };
        ActivitySource.AddActivityListener(listener);
        var id = Ids.Next("T");

        var answer = await frontend.NewClient().Post(KaForms.Purchase(id, new DateOnly(2016, 3, 12), new DateOnly(2016, 4, 22)));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var tagged = stopped.Where(a => a.GetTagItem(LicensingTelemetry.PurchaseIdTag) as string == id).ToList();
        Assert.NotEmpty(tagged);
        var traceIds = tagged.Select(a => a.TraceId).ToHashSet();
        Assert.Contains(stopped, a => traceIds.Contains(a.TraceId) && a.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal));
    }
}
