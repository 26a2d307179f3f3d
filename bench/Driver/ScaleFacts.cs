namespace Orleans.Licensing.Bench;

/// <summary>What bench/scale.sh read off the service and the database for one size (its N-facts.json).</summary>
internal sealed record ScaleFacts(
    int Licenses,
    string Storage,
    long ActiveLicenseGrains,
    long HeapBytesBefore,
    long HeapBytesAfter,
    long RssKiBBefore,
    long RssKiBAfter,
    double StartToReadySeconds,
    long DatabaseMiB);
