using System.Text.Json;

namespace Orleans.Licensing.Bench;

/// <summary>One set of JSON options for every file the driver reads and writes.</summary>
internal static class BenchJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
