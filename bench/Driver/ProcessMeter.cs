using System.Globalization;

namespace Orleans.Licensing.Bench;

/// <summary>
/// CPU time and peak memory of the processes under test, from /proc (Linux). Service processes are named by
/// pid; the database by its postmaster's pid, whose children (one backend per connection) are counted with it.
/// </summary>
internal sealed class ProcessMeter(IReadOnlyList<int> servicePids, int? databaseRootPid)
{
    // USER_HZ: the unit of utime/stime in /proc/<pid>/stat; 100 on every mainstream Linux architecture.
    private const double TicksPerSecond = 100;

    public bool MeasuresDatabase => Enabled && databaseRootPid is not null;

    public bool Enabled => OperatingSystem.IsLinux() && (servicePids.Count > 0 || databaseRootPid is not null);

    public (long Service, long Database) CpuTicks() =>
        (servicePids.Sum(pid => Ticks(pid, false)), databaseRootPid is { } root ? Tree(root).Sum(pid => Ticks(pid, pid == root)) : 0);

    public static double Cores(long ticks, TimeSpan wall) => ticks / TicksPerSecond / wall.TotalSeconds;

    /// <summary>Resets each service process's peak resident size, so a phase's peak is its own (needs root or the owner).</summary>
    public void ResetPeaks()
    {
        foreach (var pid in servicePids)
        {
            try
            {
                File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Then the peak is the process's lifetime peak, which is still an upper bound.
            }
        }
    }

    /// <summary>The sum of the service processes' peak resident sizes (VmHWM), in MiB.</summary>
    public double PeakMemoryMiB() => servicePids.Sum(pid => StatusKilobytes(pid, "VmHWM:")) / 1024.0;

    /// <summary>utime+stime; with <paramref name="withReapedChildren"/> also cutime+cstime, the CPU of children that
    /// already exited (PostgreSQL backends of closed connections), which would otherwise be lost.</summary>
    private static long Ticks(int pid, bool withReapedChildren)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name may hold spaces and parentheses: fields are counted after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // After the name: state(3) ppid(4) … utime(14) stime(15), so utime is index 11 here.
            var own = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return withReapedChildren
                ? own + long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture)
                : own;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return 0;
        }
    }

    private static IEnumerable<int> Tree(int root)
    {
        yield return root;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == root)
            {
                continue;
            }

            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(directory, "stat"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (fields.Length > 1 && fields[1] == root.ToString(CultureInfo.InvariantCulture))
            {
                yield return pid;
            }
        }
    }

    private static long StatusKilobytes(int pid, string field)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return 0;
        }
    }
}
