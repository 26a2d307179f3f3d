namespace Orleans.Licensing.Bench;

/// <summary>
/// bench/scale.sh's billing phase for one size (its N-billing.json): the one-year report over every stored license
/// as CSV, then the same request dropped by its client after about a second. CPU is the service's, in cores.
/// </summary>
internal sealed record ScaleBilling(
    string From,
    string To,
    int HttpStatus,
    double Seconds,
    long Bytes,
    long Lines,
    long Pages,
    double RssMiBBefore,
    double PeakRssMiB,
    double CancelAfterSeconds,
    string CancelledOutcome,
    long PagesBeforeCancel,
    long PagesAfterCancel,
    double CpuCoresBeforeCancel,
    double CpuCoresAfterCancel);
