using System.Globalization;
using System.Text;

namespace Orleans.Licensing.Bench;

/// <summary>
/// Latency against throughput, hand-drawn: one line per configuration through its open-loop phases (p99 solid,
/// p50 dashed), latency on a log scale because the interesting part is where it turns upwards; the peer is one of
/// them, and a dotted vertical line marks half its maximum mixed throughput (the rate of the latency goal).
/// </summary>
internal static class SvgPlot
{
    private const double Width = 820;
    private const double Height = 480;
    private const double Left = 70;
    private const double Right = 200;
    private const double Top = 30;
    private const double Bottom = 50;
    private static readonly string[] Colors = ["#555555", "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"];

    public static string Draw(IReadOnlyList<RunResult> runs)
    {
        var series = runs
            .Select(r => (r.Label, Points: r.Phases.Where(p => p.Mode == "open" && p.Mix == "mixed").OrderBy(p => p.Throughput).ToList()))
            .Where(s => s.Points.Count > 0)
            .ToList();
        var all = series.SelectMany(s => s.Points).ToList();
        var maxX = NiceCeiling(all.Count == 0 ? 1 : all.Max(p => p.Throughput) * 1.05);
        var minY = 0.1;
        var maxY = Math.Pow(10, Math.Ceiling(Math.Log10(all.Count == 0 ? 10 : Math.Max(1, all.Max(p => p.P99Ms)))));
        double X(double v) => Left + (v / maxX * (Width - Left - Right));
        double Y(double ms) => Top + ((1 - ((Math.Log10(Math.Max(ms, minY)) - Math.Log10(minY)) / (Math.Log10(maxY) - Math.Log10(minY)))) * (Height - Top - Bottom));

        var svg = new StringBuilder();
        void Line(string text) => svg.AppendLine(text);
        Line(F($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"12\">"));
        Line("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
        Line(F($"<text x=\"{Left}\" y=\"18\" font-size=\"14\">KA latency against throughput (open loop, mixed traffic; p99 solid, p50 dashed)</text>"));
        for (var decade = minY; decade <= maxY * 1.001; decade *= 10)
        {
            Line(F($"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Y(decade):F1}\" y2=\"{Y(decade):F1}\" stroke=\"#dddddd\"/>"));
            Line(F($"<text x=\"{Left - 6}\" y=\"{Y(decade) + 4:F1}\" text-anchor=\"end\">{decade:G3} ms</text>"));
        }

        for (var i = 0; i <= 5; i++)
        {
            var value = maxX * i / 5;
            Line(F($"<line x1=\"{X(value):F1}\" x2=\"{X(value):F1}\" y1=\"{Top}\" y2=\"{Height - Bottom}\" stroke=\"#eeeeee\"/>"));
            Line(F($"<text x=\"{X(value):F1}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\">{value:F0}</text>"));
        }

        Line(F($"<rect x=\"{Left}\" y=\"{Top}\" width=\"{Width - Left - Right}\" height=\"{Height - Top - Bottom}\" fill=\"none\" stroke=\"#333333\"/>"));
        if (Report.HalfLoad(runs.FirstOrDefault(r => r.Label == Report.PeerLabel))?.TargetRate is { } peerHalf && peerHalf <= maxX)
        {
            // The rate of the latency goal: half the peer's maximum mixed throughput.
            Line(F($"<line x1=\"{X(peerHalf):F1}\" x2=\"{X(peerHalf):F1}\" y1=\"{Top}\" y2=\"{Height - Bottom}\" stroke=\"#000000\" stroke-dasharray=\"2,3\"/>"));
            Line(F($"<text x=\"{X(peerHalf) + 4:F1}\" y=\"{Top + 14}\" font-size=\"11\">half the peer's max ({peerHalf:F0}/s)</text>"));
        }

        Line(F($"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 10}\" text-anchor=\"middle\">achieved throughput (requests/s)</text>"));
        Line(F($"<text x=\"16\" y=\"{(Top + Height - Bottom) / 2}\" transform=\"rotate(-90 16 {(Top + Height - Bottom) / 2})\" text-anchor=\"middle\">latency from intended send time</text>"));

        for (var s = 0; s < series.Count; s++)
        {
            var (label, points) = series[s];
            var color = Colors[s % Colors.Length];
            Line(F($"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\"{string.Join(' ', points.Select(p => F($"{X(p.Throughput):F1},{Y(p.P99Ms):F1}")))}\"/>"));
            Line(F($"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"1.5\" stroke-dasharray=\"5,4\" points=\"{string.Join(' ', points.Select(p => F($"{X(p.Throughput):F1},{Y(p.P50Ms):F1}")))}\"/>"));
            foreach (var point in points)
            {
                Line(F($"<circle cx=\"{X(point.Throughput):F1}\" cy=\"{Y(point.P99Ms):F1}\" r=\"3.5\" fill=\"{color}\"><title>{label} {point.Name}: {point.Throughput:F0}/s, p50 {point.P50Ms:F2} ms, p99 {point.P99Ms:F2} ms</title></circle>"));
            }

            var legendY = Top + 10 + (s * 20);
            Line(F($"<line x1=\"{Width - Right + 15}\" x2=\"{Width - Right + 40}\" y1=\"{legendY}\" y2=\"{legendY}\" stroke=\"{color}\" stroke-width=\"2\"/>"));
            Line(F($"<text x=\"{Width - Right + 46}\" y=\"{legendY + 4}\">{label}</text>"));
        }

        Line("</svg>");
        return svg.ToString();
    }

    private static double NiceCeiling(double value)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        return new[] { 1, 2, 2.5, 5, 10 }.Select(m => m * magnitude).First(v => v >= value);
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
