using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Orleans.Licensing.Bench;

/// <summary>
/// Turns bench/run.sh's raw results into the comparison: durable writes against pgbench's upsert ceiling,
/// replays and GET-INFO (and the mix) against the bare HTTP ceiling.
/// </summary>
internal static class Report
{
    public const string HttpCeilingLabel = "http-ceiling";

    public static async Task Write(string resultsDirectory, string outputDirectory)
    {
        var runs = new List<RunResult>();
        foreach (var file in Directory.EnumerateFiles(resultsDirectory, "*.json").Order(StringComparer.Ordinal))
        {
            runs.Add(JsonSerializer.Deserialize<RunResult>(await File.ReadAllTextAsync(file), BenchJson.Options)
                ?? throw new InvalidDataException($"{file} holds no run"));
        }

        var http = runs.FirstOrDefault(r => r.Label == HttpCeilingLabel)?.Phases.FirstOrDefault(p => p.Name == "closed:mixed");
        var pgbench = PgbenchResult.Read(resultsDirectory);
        var rows = new List<ComparisonRow>();
        foreach (var run in runs)
        {
            foreach (var phase in run.Phases)
            {
                var (ceiling, ceilingThroughput) = run.Label == HttpCeilingLabel || phase.Mode == "open"
                    ? (null, (double?)null)
                    : phase.Mix == "write"
                        ? ("pgbench upsert", pgbench?.Tps)
                        : ("HTTP", http?.Throughput);
                rows.Add(new ComparisonRow(
                    run.Label, phase.Name, phase.Throughput, ceiling, ceilingThroughput,
                    ceilingThroughput is > 0 ? Math.Round(phase.Throughput / ceilingThroughput.Value, 3) : null,
                    phase.P50Ms, phase.P99Ms, phase.P999Ms, phase.ServiceCpuCores, phase.DatabaseCpuCores, phase.ServicePeakMemoryMiB, phase.NonOk, phase.ReplayMismatches));
            }

            if (run.Label == HttpCeilingLabel && pgbench is not null)
            {
                rows.Add(new ComparisonRow(
                    "pgbench-upsert", string.Create(CultureInfo.InvariantCulture, $"closed ({pgbench.Clients} clients)"), Math.Round(pgbench.Tps, 1), null, null, null,
                    pgbench.P50Ms, pgbench.P99Ms, pgbench.P999Ms, null, pgbench.CpuCores, null, 0, 0));
            }
        }

        var document = new ReportDocument(DateTimeOffset.UtcNow, MachineInfo.Current(), http, pgbench, rows, runs);
        Directory.CreateDirectory(outputDirectory);
        await File.WriteAllTextAsync(Path.Combine(outputDirectory, "latest.json"), JsonSerializer.Serialize(document, BenchJson.Options));
        var markdown = Markdown(document);
        await File.WriteAllTextAsync(Path.Combine(outputDirectory, "latest.md"), markdown);
        await File.WriteAllTextAsync(Path.Combine(outputDirectory, "latency-throughput.svg"), SvgPlot.Draw(runs));
        Console.WriteLine(markdown);
    }

    private static string Markdown(ReportDocument document)
    {
        var machine = document.Machine;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Measured {document.GeneratedAt:yyyy-MM-dd HH:mm} UTC on {machine.Cpus} CPUs ({machine.CpuModel}), {machine.MemoryGiB} GiB RAM, {machine.Os}.");
        text.AppendLine();
        text.AppendLine("| configuration | phase | req/s | ceiling | % of ceiling | p50 ms | p99 ms | p99.9 ms | service CPU (cores) | PostgreSQL CPU (cores) | service peak RSS (MiB) | non-200 |");
        text.AppendLine("|---|---|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var row in document.Comparison)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Configuration} | {row.Phase} | {row.Throughput:F0} | {row.Ceiling ?? ""}{(row.CeilingThroughput is { } c ? $" {c:F0}/s" : "")} | {(row.RatioToCeiling is { } r ? $"{100 * r:F0}%" : "")} "
                + $"| {row.P50Ms:F2} | {row.P99Ms:F2} | {row.P999Ms:F2} | {Optional(row.ServiceCpuCores)} | {Optional(row.DatabaseCpuCores)} | {Optional(row.ServicePeakMemoryMiB, "F0")} | {row.NonOk} |");
        }

        text.AppendLine();
        text.AppendLine("Targets for later work (durable writes ≥ 50% of the pgbench upsert ceiling; replays and GET-INFO ≥ 40% of the HTTP ceiling; p99 ≤ 20 ms at half the maximum mixed throughput):");
        text.AppendLine();
        foreach (var run in document.Runs.Where(r => r.Label != HttpCeilingLabel))
        {
            var write = document.Comparison.FirstOrDefault(r => r.Configuration == run.Label && r.Phase == "closed:write");
            var read = document.Comparison.FirstOrDefault(r => r.Configuration == run.Label && r.Phase == "closed:read");
            var half = run.Phases.FirstOrDefault(p => p.Name == "open:mixed:50%");
            var floor = half is null ? null : LatencyFloor(document.Runs, half);
            var floorText = floor is null ? "" : FormattableString.Invariant($"; the bare endpoint's p99 at {floor.TargetRate:F0}/s in this run: {floor.P99Ms:F1} ms");
            text.AppendLine(CultureInfo.InvariantCulture,
                $"- {run.Label}: writes {Percent(write?.RatioToCeiling)} of pgbench ({Met(write?.RatioToCeiling >= 0.5)}), "
                + $"reads {Percent(read?.RatioToCeiling)} of HTTP ({Met(read?.RatioToCeiling >= 0.4)}), "
                + $"p99 at half load {(half is null ? "n/a" : $"{half.P99Ms:F1} ms")} ({Met(half?.P99Ms <= 20)}){floorText}");
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

    private static string Optional(double? value, string format = "F2") => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "";

    private static string Percent(double? ratio) => ratio is { } r ? (100 * r).ToString("F0", CultureInfo.InvariantCulture) + "%" : "n/a";

    private static string Met(bool? met) => met == true ? "met" : "not met";
}
