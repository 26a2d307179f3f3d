namespace Orleans.Licensing.Bench;

/// <summary>
/// A service configuration against the peer (shared/bench/peer) measured in the same run: throughput ratios of
/// the closed-loop phases (above 1: the service is ahead), and the mix's open-loop p99 at the service's own half
/// load and at the peer's (half the peer's closed:mixed throughput), beside the peer's p99 at its half load.
/// </summary>
internal sealed record PeerComparison(
    string Configuration,
    double? WriteToPeer,
    double? ReadToPeer,
    double? MixedToPeer,
    double? HalfLoadRate,
    double? P99AtHalfLoadMs,
    double? PeerHalfLoadRate,
    double? PeerP99AtHalfLoadMs,
    double? P99AtPeerHalfLoadMs);
