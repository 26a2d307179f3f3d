namespace Orleans.Licensing.Bench;

/// <summary>
/// One size of the scale run. Costs per request are the processes' CPU time per answered request, in
/// microseconds: flat across sizes is the goal. Memory per active grain is the growth of the managed heap
/// (and of the process's resident memory) while the seed phase activated every license, per activation.
/// Phases are empty and Billing and Console null when BENCH_SCALE_PHASES left them out.
/// </summary>
internal sealed record ScaleRow(
    int Licenses,
    string Storage,
    double SeedThroughput,
    double? SeedServiceMicrosPerRequest,
    double? SeedDatabaseMicrosPerRequest,
    long ActiveLicenseGrains,
    double HeapBytesPerGrain,
    double RssBytesPerGrain,
    double StartToReadySeconds,
    long DatabaseMiB,
    IReadOnlyList<ScalePhase> Phases,
    ScaleBilling? Billing,
    ScaleConsole? Console = null);
