using System.Text.Json;
using System.Xml.Linq;
using Orleans.Licensing.IntegrationTests.Support;

namespace Orleans.Licensing.IntegrationTests.Bench;

/// <summary>
/// The driver's report (what bench/run.sh calls last) as a process, fed the runs of the committed
/// bench/results/latest.json: the plot comes out of the real renderer and its native library on this machine,
/// with no benchmark run.
/// </summary>
public sealed class DriverReportTests : IDisposable
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("orleans-licensing-report-");

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task The_report_draws_every_configuration_into_a_well_formed_svg_plot()
    {
        var raw = _work.CreateSubdirectory("raw");
        var output = Path.Combine(_work.FullName, "out");
        using var latest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "bench", "results", "latest.json")));
        var labels = new List<string>();
        double? peerHalfLoad = null;
        foreach (var run in latest.RootElement.GetProperty("runs").EnumerateArray())
        {
            // bench/run.sh's raw files, in the committed order: the report reads them sorted by name.
            var label = run.GetProperty("label").GetString()!;
            labels.Add(label);
            if (label == "peer")
            {
                peerHalfLoad = run.GetProperty("phases").EnumerateArray()
                    .Single(p => p.GetProperty("name").GetString() == "open:mixed:50%").GetProperty("targetRate").GetDouble();
            }
            await File.WriteAllTextAsync(Path.Combine(raw.FullName, $"{labels.Count:D2}-{label}.json"), run.GetRawText());
        }

        var driver = RepositoryPaths.Binary("bench/Driver", "Orleans.Licensing.Bench");
        var result = await ExternalCommand.Run("dotnet", [driver, "report", "--results", raw.FullName, "--out", output]);

        Assert.True(result.ExitCode == 0, $"the driver's report failed ({result.ExitCode}):\n{result.Output}\n{result.Error}");
        var plot = XDocument.Load(Path.Combine(output, "latency-throughput.svg"));
        Assert.Equal(Svg + "svg", plot.Root!.Name);
        Assert.Equal("820", plot.Root.Attribute("width")?.Value);
        Assert.Equal("480", plot.Root.Attribute("height")?.Value);
        var texts = plot.Descendants(Svg + "text").Select(t => t.Value.Trim()).ToList();
        Assert.NotEmpty(labels);
        Assert.All(labels, label => Assert.Contains(label, texts));
        Assert.Contains("KA latency against throughput (open loop, mixed traffic; p99 solid, p50 dashed)", texts);
        Assert.Contains("achieved throughput (requests/s)", texts);
        Assert.Contains("latency from intended send time", texts);
        Assert.NotNull(peerHalfLoad);
        Assert.Contains(FormattableString.Invariant($"half the peer's max ({peerHalfLoad:F0}/s)"), texts);
        Assert.Contains("0.1 ms", texts);
        Assert.Contains("10 ms", texts);
    }
}
