using System.Globalization;
using System.Text.RegularExpressions;

namespace Orleans.Licensing.Bench;

/// <summary>pgbench's upsert run: its tps line, and latency percentiles from its per-transaction log (<c>-l</c>).</summary>
internal sealed partial record PgbenchResult(double Tps, long Transactions, double P50Ms, double P99Ms, double P999Ms, double? CpuCores, int Clients)
{
    public static PgbenchResult? Read(string directory)
    {
        var output = Path.Combine(directory, "pgbench.out");
        if (!File.Exists(output))
        {
            return null;
        }

        var text = File.ReadAllText(output);
        var tps = TpsLine().Match(text);
        var clients = ClientsLine().Match(text);
        // Log lines: client_id transaction_no latency_us script_no epoch_s epoch_us
        var latencies = Directory.EnumerateFiles(directory, "pgbench_log*")
            .SelectMany(File.ReadLines)
            .Select(line => line.Split(' '))
            .Where(fields => fields.Length >= 3)
            .Select(fields => long.Parse(fields[2], CultureInfo.InvariantCulture))
            .Order()
            .ToArray();
        var cpuFile = Path.Combine(directory, "pgbench.cpu");
        double? cpu = File.Exists(cpuFile) && double.TryParse(File.ReadAllText(cpuFile).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var cores) ? cores : null;
        return new PgbenchResult(
            tps.Success ? double.Parse(tps.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            latencies.Length,
            Percentile(latencies, 50),
            Percentile(latencies, 99),
            Percentile(latencies, 99.9),
            cpu,
            clients.Success ? int.Parse(clients.Groups[1].Value, CultureInfo.InvariantCulture) : 0);
    }

    private static double Percentile(long[] sorted, double percentile) =>
        sorted.Length == 0 ? 0 : Math.Round(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(percentile / 100 * sorted.Length) - 1)] / 1000.0, 3);

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex TpsLine();

    [GeneratedRegex(@"number of clients: (\d+)")]
    private static partial Regex ClientsLine();
}
