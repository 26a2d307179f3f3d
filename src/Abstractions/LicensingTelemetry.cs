using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Orleans.Licensing;

/// <summary>The service's own meter and activity source; exported with Orleans' and ASP.NET Core's.</summary>
public static class LicensingTelemetry
{
    public const string Name = "Orleans.Licensing";

    public const string PurchaseIdTag = "licensing.purchase_id";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary>
    /// Bucket bounds in seconds, 1 ms to 10 s. Without them the exporter uses its defaults, which are meant for
    /// milliseconds (0, 5, 10, 25 … 10000): every request of ours fell in the first bucket and no percentile
    /// could be read off the histograms.
    /// </summary>
    public static readonly IReadOnlyList<double> DurationBuckets = [0.001, 0.0025, 0.005, 0.0075, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private static readonly InstrumentAdvice<double> DurationAdvice = new() { HistogramBucketBoundaries = DurationBuckets };

    /// <summary>
    /// The name of <see cref="KaRequests"/>, for listeners in process: a listener told of the instrument while this
    /// class initializes must not read <see cref="KaRequests"/>, which is still null then.
    /// </summary>
    public const string KaRequestsName = "licensing.ka.requests";

    /// <summary>Every answer of the KA endpoint, authentication failures included.</summary>
    public static readonly Counter<long> KaRequests = Meter.CreateCounter<long>(KaRequestsName, description: "KA requests by action and HTTP status");

    public static readonly Histogram<double> KaRequestDuration = Meter.CreateHistogram("licensing.ka.request.duration", "s", "Time to answer a KA request", advice: DurationAdvice);

    /// <summary>Bodies newly issued (not repeats), by action and product.</summary>
    public static readonly Counter<long> LicensesIssued = Meter.CreateCounter<long>("licensing.licenses.issued", description: "License bodies issued");

    /// <summary>Pages of licenses read for billing reports; a report over N real licenses reads N / page size.</summary>
    public static readonly Counter<long> BillingPages = Meter.CreateCounter<long>("licensing.billing.pages", description: "Pages of licenses read for billing reports");

    /// <summary>Billing reports by outcome: completed, cancelled (the client went away) or failed.</summary>
    public static readonly Counter<long> BillingReports = Meter.CreateCounter<long>("licensing.billing.reports", description: "Billing reports by outcome");

    public static readonly Histogram<double> StorageWriteDuration = Meter.CreateHistogram("licensing.storage.write.duration", "s", "Time to make a license's new state durable", advice: DurationAdvice);

    /// <summary>How many license writes each storage transaction carried (group commit).</summary>
    public static readonly Histogram<int> StorageCommitBatchSize = Meter.CreateHistogram(
        "licensing.storage.commit.batch_size",
        "{write}",
        "License writes per storage transaction",
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512] });

    /// <summary>How long one storage transaction took, from sending the batch to its commit.</summary>
    public static readonly Histogram<double> StorageCommitDuration = Meter.CreateHistogram(
        "licensing.storage.commit.duration", "s", "Time of one storage transaction holding a batch of license writes", advice: DurationAdvice);
}
