using System.Globalization;
using Spectre.Console;

namespace Orleans.Licensing.Bench;

/// <summary>A run's results on the console: a line per phase as it ends, a table of them all at the end.</summary>
internal static class ResultTables
{
    public static void Line(PhaseResult phase) =>
        Console.WriteLine(
            FormattableString.Invariant($"{phase.Name}: {phase.Requests} requests in {phase.DurationSeconds:F1} s = {phase.Throughput:F0}/s; p50 {phase.P50Ms:F2} ms, p99 {phase.P99Ms:F2} ms, p99.9 {phase.P999Ms:F2} ms; ")
            + $"statuses {string.Join(' ', phase.Statuses.Select(s => $"{s.Key}={s.Value}"))}; sent {string.Join(' ', phase.Actions.Select(a => $"{a.Key}={a.Value}"))}; "
            + $"converted {phase.Conversions}; replay mismatches {phase.ReplayMismatches}"
            + (phase.ServiceCpuCores is { } cpu ? FormattableString.Invariant($"; service CPU {cpu:F2} cores, peak {phase.ServicePeakMemoryMiB:F0} MiB") : "")
            + (phase.DatabaseCpuCores is { } db && db > 0 ? FormattableString.Invariant($"; database CPU {db:F2} cores") : ""));

    public static void Table(RunResult run)
    {
        var table = new Table().Title(Markup.Escape($"{run.Label}: {run.Url}, concurrency {run.Concurrency}"))
            .AddColumns("phase", "req/s", "p50 ms", "p99 ms", "p99.9 ms", "non-200", "mix sent", "CPU cores", "peak MiB");
        foreach (var phase in run.Phases)
        {
            var total = Math.Max(1, phase.Actions.Values.Sum());
            table.AddRow(
                Markup.Escape(phase.Name),
                F(phase.Throughput, "F0"),
                F(phase.P50Ms, "F2"),
                F(phase.P99Ms, "F2"),
                F(phase.P999Ms, "F2"),
                phase.NonOk.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(string.Join(' ', phase.Actions.Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.Key} {100.0 * a.Value / total:F0}%")))),
                phase.ServiceCpuCores is { } cpu ? F(cpu, "F2") : "-",
                phase.ServicePeakMemoryMiB is { } memory ? F(memory, "F0") : "-");
        }

        if (Console.IsOutputRedirected)
        {
            // A log file has no terminal width: do not wrap the table at 80 columns.
            AnsiConsole.Profile.Width = 200;
        }

        AnsiConsole.Write(table);
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
