using System.Globalization;

namespace Orleans.Licensing.Bench;

/// <summary>The machine the figures came from: they mean little without it.</summary>
internal sealed record MachineInfo(int Cpus, string CpuModel, double MemoryGiB, string Os)
{
    public static MachineInfo Current()
    {
        var model = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown"
            : "unknown";
        var memoryKb = File.Exists("/proc/meminfo")
            ? long.Parse(File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture)
            : 0;
        return new MachineInfo(Environment.ProcessorCount, model, Math.Round(memoryKb / 1024.0 / 1024.0, 1), System.Runtime.InteropServices.RuntimeInformation.OSDescription);
    }
}
