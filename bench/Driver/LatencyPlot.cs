using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;
using SkiaSharp;

namespace Orleans.Licensing.Bench;

/// <summary>
/// Latency against throughput, drawn by ScottPlot: one colour per configuration through its open-loop phases (p99
/// solid with markers, p50 dashed), latency on a log scale because the interesting part is where it turns upwards;
/// the peer is one of them, and a dotted vertical line marks half its maximum mixed throughput (the rate of the
/// issue's latency goal).
/// </summary>
internal static class LatencyPlot
{
    private const int Width = 820;
    private const int Height = 480;
    private const string Title = "KA latency against throughput (open loop, mixed traffic; p99 solid, p50 dashed)";
    private const double MinMs = 0.1;
    private static readonly string[] SansFonts = ["DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial", "Helvetica", "Segoe UI"];
    private static readonly string[] Palette = ["#555555", "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"];

    public static string Svg(IReadOnlyList<RunResult> runs)
    {
        var series = runs
            .Select(r => (r.Label, Points: r.Phases.Where(p => p.Mode == "open" && p.Mix == "mixed").OrderBy(p => p.Throughput).ToList()))
            .Where(s => s.Points.Count > 0)
            .ToList();
        var all = series.SelectMany(s => s.Points).ToList();
        var maxX = NiceCeiling(all.Count == 0 ? 1 : all.Max(p => p.Throughput) * 1.05);
        var maxDecade = Math.Ceiling(Math.Log10(all.Count == 0 ? 10 : Math.Max(1, all.Max(p => p.P99Ms))));

        var font = SansFont();
        using var plot = new Plot();
        plot.Font.Set(font);
        plot.Title(Title, size: 14);
        plot.XLabel("achieved throughput (requests/s)", size: 12);
        plot.YLabel("latency from intended send time", size: 12);
        plot.Axes.Title.Label.Bold = false;
        plot.Axes.Bottom.Label.Bold = false;
        plot.Axes.Left.Label.Bold = false;

        for (var s = 0; s < series.Count; s++)
        {
            var (label, points) = series[s];
            var color = Color.FromHex(Palette[s % Palette.Length]);
            var xs = points.Select(p => p.Throughput).ToArray();

            var p99 = plot.Add.ScatterLine(xs, points.Select(p => LogMs(p.P99Ms)).ToArray(), color);
            p99.LineWidth = 2;
            p99.MarkerShape = MarkerShape.FilledCircle;
            p99.MarkerSize = 7;
            p99.LegendText = label;

            var p50 = plot.Add.ScatterLine(xs, points.Select(p => LogMs(p.P50Ms)).ToArray(), color);
            p50.LineWidth = 1.5f;
            p50.LinePattern = LinePattern.Dashed;
        }

        if (Report.HalfLoad(runs.FirstOrDefault(r => r.Label == Report.PeerLabel))?.TargetRate is { } peerHalf && peerHalf <= maxX)
        {
            plot.Add.VerticalLine(peerHalf, 1, Colors.Black, LinePattern.Dotted);
            var note = plot.Add.Text(string.Create(CultureInfo.InvariantCulture, $"half the peer's max ({peerHalf:F0}/s)"), peerHalf, maxDecade);
            note.LabelFontSize = 11;
            note.LabelAlignment = Alignment.UpperLeft;
            note.LabelOffsetX = 4;
            note.LabelOffsetY = 4;
        }

        // ScottPlot has no log axis: the data are plotted as log10(ms) and each whole decade is labelled in ms.
        var decades = new NumericManual();
        for (var decade = Math.Log10(MinMs); decade <= maxDecade + 0.001; decade++)
        {
            decades.AddMajor(decade, Math.Pow(10, decade).ToString("0.###", CultureInfo.InvariantCulture) + " ms");
        }

        plot.Axes.Left.TickGenerator = decades;
        plot.Axes.Bottom.TickGenerator = new NumericFixedInterval(maxX / 5) { LabelFormatter = x => x.ToString("F0", CultureInfo.InvariantCulture) };
        plot.Axes.SetLimits(0, maxX, Math.Log10(MinMs), maxDecade);
        plot.ShowLegend(Edge.Right);

        // Skia names only the font it measured with; a viewer that lacks it should still draw sans-serif.
        return plot.GetSvgXml(Width, Height).Replace($"font-family=\"{font}\"", $"font-family=\"{font}, sans-serif\"", StringComparison.Ordinal);
    }

    /// <summary>
    /// ScottPlot's default is the font manager's first family, which without fontconfig (SkiaSharp's Linux
    /// NoDependencies assets) is whatever /usr/share/fonts lists first, DejaVu Serif on Debian.
    /// </summary>
    private static string SansFont()
    {
        var installed = SKFontManager.Default.FontFamilies.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return SansFonts.FirstOrDefault(installed.Contains) ?? Fonts.Sans;
    }

    private static double LogMs(double ms) => Math.Log10(Math.Max(ms, MinMs));

    private static double NiceCeiling(double value)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        return new[] { 1, 2, 2.5, 5, 10 }.Select(m => m * magnitude).First(v => v >= value);
    }
}
