using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Orleans.Licensing.Bench;

/// <summary>Turns bench/scale.sh's raw results (N-facts.json, N-seed.json, N-run.json per size) into NAME.json and NAME.md.</summary>
internal static class ScaleReport
{
    public static async Task Write(string resultsDirectory, string outputDirectory, string name)
    {
        var rows = new List<ScaleRow>();
        foreach (var file in Directory.EnumerateFiles(resultsDirectory, "*-facts.json"))
        {
            var facts = await Read<ScaleFacts>(file);
            var seed = (await Read<RunResult>(Path.Combine(resultsDirectory, $"{facts.Licenses}-seed.json"))).Phases.Single();
            var runFile = Path.Combine(resultsDirectory, $"{facts.Licenses}-run.json");
            var billingFile = Path.Combine(resultsDirectory, $"{facts.Licenses}-billing.json");
            var phases = File.Exists(runFile) ? (await Read<RunResult>(runFile)).Phases.Select(ScalePhase.From).ToList() : [];
            var billing = File.Exists(billingFile) ? await Read<ScaleBilling>(billingFile) : null;
            var consoleFile = Path.Combine(resultsDirectory, $"{facts.Licenses}-console.json");
            var console = File.Exists(consoleFile) ? await Read<ScaleConsole>(consoleFile) : null;
            var grains = Math.Max(1, facts.ActiveLicenseGrains);
            rows.Add(new ScaleRow(
                facts.Licenses,
                facts.Storage,
                seed.Throughput,
                MicrosPerRequest(seed.ServiceCpuCores, seed.Throughput),
                MicrosPerRequest(seed.DatabaseCpuCores, seed.Throughput),
                facts.ActiveLicenseGrains,
                Math.Round((double)(facts.HeapBytesAfter - facts.HeapBytesBefore) / grains),
                Math.Round((facts.RssKiBAfter - facts.RssKiBBefore) * 1024.0 / grains),
                facts.StartToReadySeconds,
                facts.DatabaseMiB,
                phases,
                billing,
                console));
        }

        rows.Sort((a, b) => a.Licenses.CompareTo(b.Licenses));
        var document = new ScaleDocument(DateTimeOffset.UtcNow, MachineInfo.Current(), rows);
        Directory.CreateDirectory(outputDirectory);
        await File.WriteAllTextAsync(Path.Combine(outputDirectory, name + ".json"), JsonSerializer.Serialize(document, BenchJson.Options));
        var markdown = Markdown(document);
        await File.WriteAllTextAsync(Path.Combine(outputDirectory, name + ".md"), markdown);
        Console.WriteLine(markdown);
    }

    public static double? MicrosPerRequest(double? cores, double throughput) =>
        cores is { } c && throughput > 0 ? Math.Round(c * 1_000_000 / throughput, 1) : null;

    private static async Task<T> Read<T>(string file) =>
        JsonSerializer.Deserialize<T>(await File.ReadAllTextAsync(file), BenchJson.Options)
        ?? throw new InvalidDataException($"{file} is empty");

    private static string Markdown(ScaleDocument document)
    {
        var machine = document.Machine;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Measured {document.GeneratedAt:yyyy-MM-dd HH:mm} UTC on {machine.Cpus} CPUs ({machine.CpuModel}), {machine.MemoryGiB} GiB RAM, {machine.Os}.");
        text.AppendLine();
        text.AppendLine("| stored licenses | storage | seed PURCHASE/s | seed µs CPU per PURCHASE (service / database) | active license grains | managed heap per grain (bytes) | resident memory per grain (bytes) | start to ready (s) | database (MiB) |");
        text.AppendLine("|--:|---|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var row in document.Sizes)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Licenses:N0} | {row.Storage} | {row.SeedThroughput:F0} | {Optional(row.SeedServiceMicrosPerRequest)} / {Optional(row.SeedDatabaseMicrosPerRequest)} | {row.ActiveLicenseGrains:N0} "
                + $"| {row.HeapBytesPerGrain:F0} | {row.RssBytesPerGrain:F0} | {row.StartToReadySeconds:F2} | {row.DatabaseMiB} |");
        }

        if (document.Sizes.Any(r => r.Phases.Count > 0))
        {
            AppendPhases(text, document);
        }

        if (document.Sizes.Any(r => r.Billing is not null))
        {
            text.AppendLine();
            text.AppendLine("Billing report (CSV, streamed a page of licenses at a time) over every stored license, then the same request dropped by its client:");
            text.AppendLine();
            text.AppendLine("| stored licenses | period | status | seconds | MiB | lines | pages | service RSS before / peak (MiB) | dropped after (s) | outcome | pages read when dropped / 2 s later | service CPU cores before / after the drop |");
            text.AppendLine("|--:|---|--:|--:|--:|--:|--:|--:|--:|---|--:|--:|");
            foreach (var row in document.Sizes.Where(r => r.Billing is not null))
            {
                var b = row.Billing!;
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {row.Licenses:N0} | {b.From} to {b.To} | {b.HttpStatus} | {b.Seconds:F2} | {b.Bytes / 1048576.0:F1} | {b.Lines:N0} | {b.Pages:N0} | {b.RssMiBBefore:F0} / {b.PeakRssMiB:F0} "
                    + $"| {b.CancelAfterSeconds:F1} | {b.CancelledOutcome} | {b.PagesBeforeCancel:N0} / {b.PagesAfterCancel:N0} | {b.CpuCoresBeforeCancel:F2} / {b.CpuCoresAfterCancel:F2} |");
            }
        }

        if (document.Sizes.Any(r => r.Console is not null))
        {
            text.AppendLine();
            text.AppendLine("Operator console, logged in: the overview and the first page of licenses, once cold, then repeated (goal: 300 ms):");
            text.AppendLine();
            text.AppendLine("| stored licenses | page | status | first ms | median ms | max ms | repeats |");
            text.AppendLine("|--:|---|--:|--:|--:|--:|--:|");
            foreach (var row in document.Sizes.Where(r => r.Console is not null))
            {
                var c = row.Console!;
                text.AppendLine(CultureInfo.InvariantCulture, $"| {row.Licenses:N0} | /console | {c.OverviewStatus} | {c.OverviewFirstMs:F0} | {c.OverviewMedianMs:F0} | {c.OverviewMaxMs:F0} | {c.Repeats} |");
                text.AppendLine(CultureInfo.InvariantCulture, $"| {row.Licenses:N0} | /console/licenses | {c.ListStatus} | {c.ListFirstMs:F0} | {c.ListMedianMs:F0} | {c.ListMaxMs:F0} | {c.Repeats} |");
            }
        }

        return text.ToString();
    }

    private static string Optional(double? value) => value is { } v ? v.ToString("F0", CultureInfo.InvariantCulture) : "";

    private static void AppendPhases(StringBuilder text, ScaleDocument document)
    {
        text.AppendLine();
        text.AppendLine("After a restart, over all stored licenses (most requests activate their license from storage first):");
        text.AppendLine();
        text.AppendLine("| stored licenses | phase | req/s | p50 ms | p99 ms | service µs CPU per request | database µs CPU per request | service peak RSS (MiB) | non-200 | replay mismatches |");
        text.AppendLine("|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var row in document.Sizes)
        {
            foreach (var phase in row.Phases)
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {row.Licenses:N0} | {phase.Name} | {phase.Throughput:F0} | {phase.P50Ms:F2} | {phase.P99Ms:F2} | {Optional(phase.ServiceMicrosPerRequest)} "
                    + $"| {Optional(phase.DatabaseMicrosPerRequest)} | {Optional(phase.ServicePeakMemoryMiB)} | {phase.NonOk} | {phase.ReplayMismatches} |");
            }
        }
    }
}
