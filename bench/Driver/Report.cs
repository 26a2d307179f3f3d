using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Orleans.Licensing.Bench;

/// <summary>
/// Turns bench/run.sh's raw results into the comparison: durable writes against pgbench's upsert ceiling,
/// replays and GET-INFO (and the mix) against the bare HTTP ceiling, and every service configuration against the
/// peer (shared/bench/peer) measured in the same run, with the issue's goals.
/// </summary>
internal static class Report
{
    public const string HttpCeilingLabel = "http-ceiling";
    public const string PeerLabel = "peer";
    public const string HalfLoadPhase = "open:mixed:50%";

    public static async Task Write(string resultsDirectory, string outputDirectory)
    {
        var runs = new List<RunResult>();
        foreach (var file in Directory.EnumerateFiles(resultsDirectory, "*.json").Order(StringComparer.Ordinal))
        {
            runs.Add(JsonSerializer.Deserialize<RunResult>(await File.ReadAllTextAsync(file), BenchJson.Options)
                ?? throw new InvalidDataException($"{file} holds no run"));
        }

        var http = Phase(runs.FirstOrDefault(r => r.Label == HttpCeilingLabel), "closed:mixed");
        var peer = runs.FirstOrDefault(r => r.Label == PeerLabel);
        var peerHalf = HalfLoad(peer);
        var pgbench = PgbenchResult.Read(resultsDirectory);
        var rows = new List<ComparisonRow>();
        foreach (var run in runs)
        {
            var isService = IsService(run);
            foreach (var phase in run.Phases)
            {
                var (ceiling, ceilingThroughput) = run.Label == HttpCeilingLabel || phase.Mode == "open"
                    ? (null, (double?)null)
                    : phase.Mix == "write"
                        ? ("pgbench upsert", pgbench?.Tps)
                        : ("HTTP", http?.Throughput);
                var row = new ComparisonRow(
                    run.Label, phase.Name, phase.Throughput, ceiling, ceilingThroughput,
                    ceilingThroughput is > 0 ? Math.Round(phase.Throughput / ceilingThroughput.Value, 3) : null,
                    phase.P50Ms, phase.P99Ms, phase.P999Ms, phase.ServiceCpuCores, phase.DatabaseCpuCores, phase.ServicePeakMemoryMiB, phase.NonOk, phase.ReplayMismatches);
                rows.Add(isService ? AgainstPeer(row, phase, peer, peerHalf) : row);
            }

            if (run.Label == HttpCeilingLabel && pgbench is not null)
            {
                rows.Add(new ComparisonRow(
                    "pgbench-upsert", string.Create(CultureInfo.InvariantCulture, $"closed ({pgbench.Clients} clients)"), Math.Round(pgbench.Tps, 1), null, null, null,
                    pgbench.P50Ms, pgbench.P99Ms, pgbench.P999Ms, null, pgbench.CpuCores, null, 0, 0));
            }
        }

        var againstPeer = runs.Where(IsService).Select(run => Compare(run, peer, peerHalf)).ToList();
        var goals = IssueGoals.Check(runs, peer, http);
        var document = new ReportDocument(DateTimeOffset.UtcNow, MachineInfo.Current(), http, pgbench, rows, againstPeer, goals, runs);
        Directory.CreateDirectory(outputDirectory);
        await File.WriteAllTextAsync(Path.Combine(outputDirectory, "latest.json"), JsonSerializer.Serialize(document, BenchJson.Options));
        var markdown = Markdown(document);
        await File.WriteAllTextAsync(Path.Combine(outputDirectory, "latest.md"), markdown);
        await File.WriteAllTextAsync(Path.Combine(outputDirectory, "latency-throughput.svg"), LatencyPlot.Svg(runs));
        Console.WriteLine(markdown);
    }

    public static PhaseResult? Phase(RunResult? run, string name) => run?.Phases.FirstOrDefault(p => p.Name == name);

    /// <summary>The mix, open loop, at half the run's own closed:mixed throughput.</summary>
    public static PhaseResult? HalfLoad(RunResult? run) => Phase(run, HalfLoadPhase);

    /// <summary>
    /// The run's open-loop mixed phase at the fixed rate the peer's half load ran at: bench/run.sh gives the services
    /// <c>open:mixed:R</c> with R the target rate of the peer's <c>open:mixed:50%</c>.
    /// </summary>
    public static PhaseResult? AtPeerHalfLoad(RunResult? run, PhaseResult? peerHalf) =>
        peerHalf is null ? null : run?.Phases.FirstOrDefault(p => IsAtRate(p, peerHalf.TargetRate));

    private static bool IsService(RunResult run) => run.Label is not (HttpCeilingLabel or PeerLabel);

    private static ComparisonRow AgainstPeer(ComparisonRow row, PhaseResult phase, RunResult? peer, PhaseResult? peerHalf)
    {
        if (phase.Mode == "closed" && Phase(peer, phase.Name) is { Throughput: > 0 } same)
        {
            return row with { PeerThroughput = same.Throughput, RatioToPeer = Math.Round(phase.Throughput / same.Throughput, 3) };
        }

        if (peerHalf is { P99Ms: > 0 } && (phase.Name == HalfLoadPhase || IsAtRate(phase, peerHalf.TargetRate)))
        {
            return row with { PeerRate = peerHalf.TargetRate, PeerP99Ms = peerHalf.P99Ms, P99RatioToPeer = Math.Round(phase.P99Ms / peerHalf.P99Ms, 3) };
        }

        return row;
    }

    /// <summary>An open-loop mixed phase at a fixed rate (not a percentage of its own maximum) equal to <paramref name="rate"/>.</summary>
    private static bool IsAtRate(PhaseResult phase, double? rate) =>
        rate is { } r && phase.Mode == "open" && phase.Mix == "mixed" && !phase.Name.EndsWith('%') && phase.TargetRate is { } t && Math.Abs(t - r) < 0.5;

    private static PeerComparison Compare(RunResult run, RunResult? peer, PhaseResult? peerHalf)
    {
        double? ToPeer(string name) =>
            Phase(run, name) is { } phase && Phase(peer, name) is { Throughput: > 0 } same ? Math.Round(phase.Throughput / same.Throughput, 3) : null;
        var half = HalfLoad(run);
        return new PeerComparison(
            run.Label,
            ToPeer("closed:write"),
            ToPeer("closed:read"),
            ToPeer("closed:mixed"),
            half?.TargetRate,
            half?.P99Ms,
            peerHalf?.TargetRate,
            peerHalf?.P99Ms,
            AtPeerHalfLoad(run, peerHalf)?.P99Ms);
    }

    private static string Markdown(ReportDocument document)
    {
        var machine = document.Machine;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Measured {document.GeneratedAt:yyyy-MM-dd HH:mm} UTC on {machine.Cpus} CPUs ({machine.CpuModel}), {machine.MemoryGiB} GiB RAM, {machine.Os}.");
        text.AppendLine();
        text.AppendLine("| configuration | phase | req/s | ceiling | % of ceiling | against the peer | p50 ms | p99 ms | p99.9 ms | service CPU (cores) | PostgreSQL CPU (cores) | service peak RSS (MiB) | non-200 |");
        text.AppendLine("|---|---|--:|---|--:|---|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var row in document.Comparison)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Configuration} | {row.Phase} | {row.Throughput:F0} | {row.Ceiling ?? ""}{(row.CeilingThroughput is { } c ? $" {c:F0}/s" : "")} | {(row.RatioToCeiling is { } r ? $"{100 * r:F0}%" : "")} "
                + $"| {PeerCell(row)} | {row.P50Ms:F2} | {row.P99Ms:F2} | {row.P999Ms:F2} | {Optional(row.ServiceCpuCores)} | {Optional(row.DatabaseCpuCores)} | {Optional(row.ServicePeakMemoryMiB, "F0")} | {row.NonOk} |");
        }

        var services = document.Runs.Where(IsService).ToList();
        text.AppendLine();
        text.AppendLine("Targets for later work (durable writes ≥ 50% of the pgbench upsert ceiling; replays and GET-INFO ≥ 40% of the HTTP ceiling; p99 ≤ 20 ms at half the maximum mixed throughput):");
        text.AppendLine();
        foreach (var run in services)
        {
            var write = document.Comparison.FirstOrDefault(r => r.Configuration == run.Label && r.Phase == "closed:write");
            var read = document.Comparison.FirstOrDefault(r => r.Configuration == run.Label && r.Phase == "closed:read");
            var half = HalfLoad(run);
            var floor = half is null ? null : LatencyFloor(document.Runs, half);
            var floorText = floor is null ? "" : FormattableString.Invariant($"; the bare endpoint's p99 at {floor.TargetRate:F0}/s in this run: {floor.P99Ms:F1} ms");
            text.AppendLine(CultureInfo.InvariantCulture,
                $"- {run.Label}: writes {Percent(write?.RatioToCeiling)} of pgbench ({Met(write?.RatioToCeiling >= 0.5)}), "
                + $"reads {Percent(read?.RatioToCeiling)} of HTTP ({Met(read?.RatioToCeiling >= 0.4)}), "
                + $"p99 at half load {(half is null ? "n/a" : $"{half.P99Ms:F1} ms")} ({Met(half?.P99Ms <= 20)}){floorText}");
        }

        text.AppendLine();
        text.AppendLine("Against the peer (shared/bench/peer: plain ASP.NET Core + PostgreSQL, one row-locking transaction per KA request), measured in this run: "
            + "throughput as a multiple of the peer's in the same phase (above 1× the service is ahead); the mix's open-loop p99 beside the peer's at its half load:");
        text.AppendLine();
        var peerHalf = HalfLoad(document.Runs.FirstOrDefault(r => r.Label == PeerLabel));
        if (peerHalf is null)
        {
            text.AppendLine("- no peer run in these results");
        }

        foreach (var comparison in document.AgainstPeer)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"- {comparison.Configuration}: writes {Times(comparison.WriteToPeer)}, reads {Times(comparison.ReadToPeer)}, mix {Times(comparison.MixedToPeer)}; "
                + $"p99 at its half load ({Rate(comparison.HalfLoadRate)}) {Ms(comparison.P99AtHalfLoadMs)} against the peer's {Ms(comparison.PeerP99AtHalfLoadMs)} at its half load ({Rate(comparison.PeerHalfLoadRate)}); "
                + $"p99 at the peer's half load {Ms(comparison.P99AtPeerHalfLoadMs)}");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Goals of the issue, against the peer in this run ({document.Goals.Count(g => g.Met)} of {document.Goals.Count} met):");
        text.AppendLine();
        foreach (var goal in document.Goals)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {(goal.Met ? "PASS" : "MISS")} {goal.Configuration}: {goal.Goal}: {goal.Measured}");
        }

        return text.ToString();
    }

    /// <summary>
    /// The HTTP ceiling's open-loop phase at the fixed rate nearest to <paramref name="phase"/>'s: the p99 that the
    /// driver and the machine alone give at that rate, which no service behind them can beat.
    /// </summary>
    private static PhaseResult? LatencyFloor(IEnumerable<RunResult> runs, PhaseResult phase) =>
        runs.FirstOrDefault(r => r.Label == HttpCeilingLabel)?.Phases
            .Where(p => p.Mode == "open" && p.TargetRate is not null && !p.Name.EndsWith('%'))
            .MinBy(p => Math.Abs(p.TargetRate!.Value - (phase.TargetRate ?? phase.Throughput)));

    private static string PeerCell(ComparisonRow row) =>
        row.RatioToPeer is { } ratio
            ? FormattableString.Invariant($"{ratio:F2}× peer ({row.PeerThroughput:F0}/s)")
            : row.P99RatioToPeer is { } p99
                ? row.Phase == HalfLoadPhase
                    ? FormattableString.Invariant($"p99 {p99:F2}× the peer's at its 50% ({row.PeerP99Ms:F2} ms at {row.PeerRate:F0}/s)")
                    : FormattableString.Invariant($"p99 {p99:F2}× the peer's at the same rate ({row.PeerP99Ms:F2} ms; half the peer's max)")
                : "";

    private static string Optional(double? value, string format = "F2") => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "";

    private static string Percent(double? ratio) => ratio is { } r ? (100 * r).ToString("F0", CultureInfo.InvariantCulture) + "%" : "n/a";

    private static string Times(double? ratio) => ratio is { } r ? r.ToString("F2", CultureInfo.InvariantCulture) + "× peer" : "n/a";

    private static string Ms(double? ms) => ms is { } m ? m.ToString("F1", CultureInfo.InvariantCulture) + " ms" : "n/a";

    private static string Rate(double? rate) => rate is { } r ? r.ToString("F0", CultureInfo.InvariantCulture) + "/s" : "n/a";

    private static string Met(bool? met) => met == true ? "met" : "not met";
}
