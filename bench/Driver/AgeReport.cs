using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Orleans.Licensing.Bench;

/// <summary>
/// Turns bench/age.sh's raw results (VARIANT-ROUND-facts.json, -seed.json and -run.json for new and aged licenses
/// in each round) into NAME.json and NAME.md: every run's database facts, and per phase the median cost per
/// request of new and aged licenses side by side, with their ratio.
/// </summary>
internal static class AgeReport
{
    // A cost of a few µs per request is an idle process's own background work spread over the requests
    // (PostgreSQL during reads answered from memory): no ratio is shown for it.
    private const double MeaningfulMicros = 10;

    private const string WarmupPrefix = "warm-up, ";

    public static async Task Write(string resultsDirectory, string outputDirectory, string name)
    {
        var rows = new List<AgeRow>();
        var concurrency = 0;
        foreach (var file in Directory.EnumerateFiles(resultsDirectory, "*-facts.json"))
        {
            var facts = await Read<AgeFacts>(file);
            var run = $"{facts.Variant}-{facts.Round.ToString(CultureInfo.InvariantCulture)}";
            var seeding = await Read<RunResult>(Path.Combine(resultsDirectory, $"{run}-seed.json"));
            var measured = await Read<RunResult>(Path.Combine(resultsDirectory, $"{run}-run.json"));
            concurrency = measured.Concurrency;
            var seed = seeding.Phases.Single(p => p.Name == "seed");
            var aging = seeding.Phases.SingleOrDefault(p => p.Name.StartsWith("age:", StringComparison.Ordinal));
            var warmupFile = Path.Combine(resultsDirectory, $"{run}-warmup.json");
            var warmup = File.Exists(warmupFile) ? AgePhase.From((await Read<RunResult>(warmupFile)).Phases.Single()) : null;
            rows.Add(new AgeRow(
                facts,
                AgePhase.From(seed),
                aging is null ? null : AgePhase.From(aging),
                warmup is null ? null : warmup with { Name = WarmupPrefix + warmup.Name },
                [.. measured.Phases.Select(AgePhase.From)]));
        }

        if (rows.Count == 0)
        {
            throw new InvalidDataException($"{resultsDirectory} holds no *-facts.json");
        }

        rows.Sort((a, b) => (a.Facts.Round, a.Facts.Renewals).CompareTo((b.Facts.Round, b.Facts.Renewals)));
        var document = new AgeDocument(DateTimeOffset.UtcNow, MachineInfo.Current(), rows[0].Facts.Storage, concurrency, rows, Summarise(rows));
        Directory.CreateDirectory(outputDirectory);
        await File.WriteAllTextAsync(Path.Combine(outputDirectory, name + ".json"), JsonSerializer.Serialize(document, BenchJson.Options));
        var markdown = Markdown(document);
        await File.WriteAllTextAsync(Path.Combine(outputDirectory, name + ".md"), markdown);
        Console.WriteLine(markdown);
    }

    private static List<AgeSummary> Summarise(List<AgeRow> rows)
    {
        var summary = new List<AgeSummary>();
        static IEnumerable<AgePhase> All(AgeRow row) => row.Warmup is { } warmup ? [warmup, .. row.Phases] : row.Phases;
        var phases = rows.SelectMany(r => All(r).Select(p => p.Name)).Distinct().ToList();
        foreach (var phase in phases)
        {
            foreach (var variant in rows.GroupBy(r => (r.Facts.Renewals, r.Facts.Variant)).OrderBy(g => g.Key.Renewals))
            {
                var measured = variant.SelectMany(r => All(r).Where(p => p.Name == phase)).ToList();
                if (measured.Count == 0)
                {
                    continue;
                }

                var service = measured.Select(p => p.ServiceMicrosPerRequest).OfType<double>().ToList();
                var database = measured.Select(p => p.DatabaseMicrosPerRequest).OfType<double>().ToList();
                summary.Add(new AgeSummary(
                    phase,
                    Variant(variant.First().Facts),
                    variant.Key.Renewals,
                    measured.Count,
                    Median(measured.Select(p => p.Throughput)) ?? 0,
                    Median(measured.Select(p => p.P50Ms)) ?? 0,
                    Median(measured.Select(p => p.P99Ms)) ?? 0,
                    Median(service),
                    service.Count > 0 ? service.Min() : null,
                    service.Count > 0 ? service.Max() : null,
                    Median(database),
                    database.Count > 0 ? database.Min() : null,
                    database.Count > 0 ? database.Max() : null,
                    measured.Sum(p => p.NonOk),
                    measured.Sum(p => p.ReplayMismatches)));
            }
        }

        return summary;
    }

    private static double? Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? null
            : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2]
            : Math.Round((sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2, 1);
    }

    private static async Task<T> Read<T>(string file) =>
        JsonSerializer.Deserialize<T>(await File.ReadAllTextAsync(file), BenchJson.Options)
        ?? throw new InvalidDataException($"{file} is empty");

    private static string Markdown(AgeDocument document)
    {
        var machine = document.Machine;
        var first = document.Runs[0];
        var rounds = document.Runs.Max(r => r.Facts.Round);
        var database = document.Storage == "postgresql" ? "PostgreSQL" : "database";
        var phaseSeconds = first.Phases.Count > 0 ? first.Phases[0].DurationSeconds : 0;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Measured {document.GeneratedAt:yyyy-MM-dd HH:mm} UTC on {machine.Cpus} CPUs ({machine.CpuModel}), {machine.MemoryGiB} GiB RAM, {machine.Os}.");
        text.AppendLine();
        var settled = document.Storage == "postgresql" ? "the database vacuumed and checkpointed, " : "";
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Storage {document.Storage}, silo co-hosted. Each run on a fresh database: {first.Facts.Licenses:N0} licenses purchased, the aged ones then renewed a month on at a time; "
            + $"{settled}the service restarted, {first.Facts.WarmupSeconds:F0} s of warm-up (closed:existing, the issue's mix without PURCHASE and TERMINATE: every license is activated from storage here), "
            + $"then {phaseSeconds:F0} s per phase at concurrency {document.Concurrency}: closed:renew and closed:read act on the prepared licenses only, "
            + $"closed:write (last) also purchases new ones and terminates. {rounds} round{(rounds == 1 ? "" : "s")}, new and aged in turn (new first in odd rounds, aged first in even ones).");
        text.AppendLine();
        text.AppendLine("| run | issuances per license before the restart | seed PURCHASE/s | aging (unmeasured) | Licenses rows before / after | license state bytes avg / max, before the restart | at the end | LicenseIssuances rows before / after | measured phases: WAL per issuance written (full-page images) | measured phases: service JIT (share of its CPU), GC pauses |");
        text.AppendLine("|---|--:|--:|---|--:|--:|--:|--:|--:|--:|");
        foreach (var row in document.Runs)
        {
            var facts = row.Facts;
            var aging = row.Aging is { } a
                ? string.Create(CultureInfo.InvariantCulture,
                    $"{a.Requests:N0} RENEWs in {a.DurationSeconds:F1} s = {a.Throughput:N0}/s ({Optional(a.ServiceMicrosPerRequest)}{(a.DatabaseMicrosPerRequest is null ? "" : " / " + Optional(a.DatabaseMicrosPerRequest))} µs CPU each), {(a.NonOk == 0 ? "all 200" : $"{a.NonOk} not 200")}")
                : "–";
            var wal = facts.WalBytesPerIssuance is { } perIssuance
                ? string.Create(CultureInfo.InvariantCulture, $"{perIssuance:N0} bytes ({facts.WalFullPageImages:N0})")
                : "";
            var runtime = facts.JitSeconds is { } jit
                ? string.Create(CultureInfo.InvariantCulture,
                    $"{jit:F2} s, {facts.JitMethods:N0} methods{(row.ServiceCpuSeconds is { } cpu && cpu > 0 ? $" ({jit * 100 / cpu:F0}%)" : "")}; {facts.GcPauseSeconds:F2} s")
                : "";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {Variant(facts)}, round {facts.Round} | {1 + facts.Renewals} | {row.Seed.Throughput:N0} | {aging} | {Count(facts.LicenseRowsBefore)} / {Count(facts.LicenseRowsAfter)} "
                + $"| {Optional(facts.StateBytesAvgBefore)} / {Count(facts.StateBytesMaxBefore)} | {Optional(facts.StateBytesAvgAfter)} / {Count(facts.StateBytesMaxAfter)} "
                + $"| {Count(facts.IssuanceRowsBefore)} / {Count(facts.IssuanceRowsAfter)} | {wal} | {runtime} |");
        }

        text.AppendLine();
        text.AppendLine(rounds == 1 ? "Per phase:" : "Medians over the rounds (the CPU costs' range in brackets):");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"| phase | licenses | req/s | p50 ms | p99 ms | service µs CPU per request | {database} µs CPU per request | non-200 | replay mismatches |");
        text.AppendLine("|---|---|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var phase in document.Summary.GroupBy(s => s.Phase))
        {
            var reference = phase.First();
            foreach (var variant in phase)
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {phase.Key} | {variant.Variant} | {variant.Throughput:N0} | {variant.P50Ms:F2} | {variant.P99Ms:F2} "
                    + $"| {Range(variant.ServiceMicrosPerRequest, variant.ServiceMicrosMin, variant.ServiceMicrosMax, variant.Rounds)} "
                    + $"| {Range(variant.DatabaseMicrosPerRequest, variant.DatabaseMicrosMin, variant.DatabaseMicrosMax, variant.Rounds)} | {variant.NonOk} | {variant.ReplayMismatches} |");
            }

            foreach (var variant in phase.Skip(1))
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {phase.Key} | {variant.Variant} ÷ {reference.Variant} | {Ratio(variant.Throughput, reference.Throughput)} "
                    + $"| {Ratio(variant.P50Ms, reference.P50Ms)} | {Ratio(variant.P99Ms, reference.P99Ms)} "
                    + $"| {Ratio(variant.ServiceMicrosPerRequest, reference.ServiceMicrosPerRequest, MeaningfulMicros)} "
                    + $"| {Ratio(variant.DatabaseMicrosPerRequest, reference.DatabaseMicrosPerRequest, MeaningfulMicros)} | | |");
            }
        }

        return text.ToString();
    }

    /// <summary>How a run's licenses are named in the tables: new, aged (120 renewals), new beside 2,000 others renewed 120 times.</summary>
    private static string Variant(AgeFacts facts) =>
        (facts.Renewals == 0 ? facts.Variant : string.Create(CultureInfo.InvariantCulture, $"{facts.Variant} ({facts.Renewals} renewals)"))
        + (facts.BallastLicenses > 0 ? string.Create(CultureInfo.InvariantCulture, $" beside {facts.BallastLicenses:N0} others renewed {facts.BallastRenewals} times") : "");

    private static string Range(double? median, double? min, double? max, int rounds) =>
        median is not { } m ? ""
        : rounds < 2 ? Optional(m)
        : $"{Optional(m)} ({Optional(min)}–{Optional(max)})";

    private static string Ratio(double? value, double? reference, double floor = 0) =>
        value is { } v && reference is { } r && r > floor ? string.Create(CultureInfo.InvariantCulture, $"{v / r:F2}×") : "";

    private static string Optional(double? value) => value is { } v ? v.ToString("N0", CultureInfo.InvariantCulture) : "";

    private static string Count(long? value) => value is { } v ? v.ToString("N0", CultureInfo.InvariantCulture) : "";
}
