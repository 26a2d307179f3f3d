using System.Globalization;

namespace Orleans.Licensing.Bench;

/// <summary>
/// The goals of the issue being worked, all against the peer measured in the same run: PostgreSQL co-hosted
/// durable writes ≥ 1.5× the peer, its KA mix ≥ 2×, its reads ≥ 2× and ≥ 90% of the bare HTTP ceiling's
/// closed:mixed; SQLite's KA mix ≥ 1×; and in every service configuration the mix's open-loop p99 at half the
/// peer's maximum mixed rate no higher than the peer's p99 at that rate.
/// </summary>
internal static class IssueGoals
{
    public const string Sqlite = "sqlite";
    public const string PostgreSqlCohosted = "pg-cohosted";
    public static readonly string[] ServiceLabels = [Sqlite, PostgreSqlCohosted, "pg-split"];

    public static IReadOnlyList<GoalResult> Check(IReadOnlyList<RunResult> runs, RunResult? peer, PhaseResult? http)
    {
        RunResult? Run(string label) => runs.FirstOrDefault(r => r.Label == label);
        var cohosted = Run(PostgreSqlCohosted);
        var goals = new List<GoalResult>
        {
            Ratio(PostgreSqlCohosted, cohosted, peer, "closed:write", "durable writes (closed:write) ≥ 1.5× peer", 1.5),
            Ratio(PostgreSqlCohosted, cohosted, peer, "closed:mixed", "KA mix (closed:mixed) ≥ 2× peer", 2),
            Reads(cohosted, peer, http),
            Ratio(Sqlite, Run(Sqlite), peer, "closed:mixed", "KA mix (closed:mixed) ≥ 1× peer", 1),
        };
        var peerHalf = Report.HalfLoad(peer);
        foreach (var label in ServiceLabels)
        {
            var goal = FormattableString.Invariant($"p99 of the mix at half the peer's maximum ({Rate(peerHalf?.TargetRate)}) ≤ the peer's p99 there");
            var service = Report.AtPeerHalfLoad(Run(label), peerHalf);
            goals.Add(service is null || peerHalf is null
                ? new GoalResult(label, goal, "not measured", false)
                : new GoalResult(label, goal, FormattableString.Invariant($"{service.P99Ms:F1} ms, the peer {peerHalf.P99Ms:F1} ms"), service.P99Ms <= peerHalf.P99Ms));
        }

        return goals;
    }

    private static GoalResult Ratio(string label, RunResult? run, RunResult? peer, string phase, string goal, double factor)
    {
        var (service, reference) = (Report.Phase(run, phase), Report.Phase(peer, phase));
        if (service is null || reference is not { Throughput: > 0 })
        {
            return new GoalResult(label, goal, "not measured", false);
        }

        var ratio = service.Throughput / reference.Throughput;
        return new GoalResult(label, goal, FormattableString.Invariant($"{ratio:F2}× ({service.Throughput:F0}/s, the peer {reference.Throughput:F0}/s)"), ratio >= factor);
    }

    private static GoalResult Reads(RunResult? run, RunResult? peer, PhaseResult? http)
    {
        const string goal = "reads (closed:read) ≥ 2× peer and ≥ 90% of the HTTP ceiling's closed:mixed";
        var (service, reference) = (Report.Phase(run, "closed:read"), Report.Phase(peer, "closed:read"));
        if (service is null || reference is not { Throughput: > 0 } || http is not { Throughput: > 0 })
        {
            return new GoalResult(PostgreSqlCohosted, goal, "not measured", false);
        }

        var (toPeer, toCeiling) = (service.Throughput / reference.Throughput, service.Throughput / http.Throughput);
        return new GoalResult(
            PostgreSqlCohosted,
            goal,
            FormattableString.Invariant($"{toPeer:F2}× peer and {100 * toCeiling:F0}% of HTTP ({service.Throughput:F0}/s, the peer {reference.Throughput:F0}/s, HTTP {http.Throughput:F0}/s)"),
            toPeer >= 2 && toCeiling >= 0.9);
    }

    private static string Rate(double? rate) => rate is { } r ? r.ToString("F0", CultureInfo.InvariantCulture) + "/s" : "n/a";
}
