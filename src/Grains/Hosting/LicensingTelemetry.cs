using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Orleans.Licensing.Hosting;

/// <summary>The service's own meter and activity source; exported with Orleans' and ASP.NET Core's.</summary>
public static class LicensingTelemetry
{
    public const string Name = "Orleans.Licensing";

    public const string PurchaseIdTag = "licensing.purchase_id";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary>Every answer of the KA endpoint, authentication failures included.</summary>
    public static readonly Counter<long> KaRequests = Meter.CreateCounter<long>("licensing.ka.requests", description: "KA requests by action and HTTP status");

    public static readonly Histogram<double> KaRequestDuration = Meter.CreateHistogram<double>("licensing.ka.request.duration", "s", "Time to answer a KA request");

    /// <summary>Bodies newly issued (not repeats), by action and product.</summary>
    public static readonly Counter<long> LicensesIssued = Meter.CreateCounter<long>("licensing.licenses.issued", description: "License bodies issued");

    public static readonly Histogram<double> StorageWriteDuration = Meter.CreateHistogram<double>("licensing.storage.write.duration", "s", "Time to make a license's new state durable");
}
