namespace Orleans.Licensing.IntegrationTests.Cluster;

/// <summary>What <see cref="KaTrafficDriver"/> sent and got back, by kind of outcome.</summary>
internal sealed record DriverCounts(
    long Requests, long Ok, long ClientErrors, long ServerErrors, long NetworkErrors, long Retries, long Stuck, long ReplayMismatches, TimeSpan MaxServerErrorLatency);
