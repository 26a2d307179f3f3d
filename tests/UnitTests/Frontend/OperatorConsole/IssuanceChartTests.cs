using System.Globalization;
using Bunit;
using Orleans.Licensing.Frontend.Console.Components;

namespace Orleans.Licensing.UnitTests.Frontend.OperatorConsole;

public sealed class IssuanceChartTests : IDisposable
{
    private static readonly DateOnly Today = new(2026, 11, 29);
    private readonly BunitContext _context = new();

    [Fact]
    public void Every_day_of_the_period_has_a_bar_scaled_to_the_busiest_day_and_a_row_of_the_table()
    {
        var chart = _context.Render<IssuanceChart>(p => p
            .Add(c => c.PerDay, [new DayCount(Today.AddDays(-3), 8), new DayCount(Today, 2), new DayCount(Today.AddDays(-40), 99)])
            .Add(c => c.Today, Today)
            .Add(c => c.Days, 30));

        var bars = chart.FindAll("rect.bar");
        var rows = chart.FindAll("tbody tr");
        Assert.Equal(30, bars.Count);
        Assert.Equal(30, rows.Count);
        Assert.Equal("2026-10-31", rows[0].Children[0].TextContent); // the 30 days end today; older days are not shown
        Assert.Equal(["8", "0", "0", "2"], rows.TakeLast(4).Select(r => r.Children[1].TextContent));
        Assert.Equal("126", bars[26].GetAttribute("height")); // the busiest day fills the plot
        Assert.Equal("31.5", bars[29].GetAttribute("height"));
        Assert.Equal("0", bars[27].GetAttribute("height"));
        Assert.Contains("10 in all, at most 8 on a day", chart.Find("figcaption").TextContent, StringComparison.Ordinal);
        Assert.Equal(chart.Find("svg title").TextContent, chart.Find("figcaption").TextContent);
    }

    [Fact]
    public void A_period_without_issuances_draws_no_bar_and_says_so()
    {
        var chart = _context.Render<IssuanceChart>(p => p.Add(c => c.PerDay, []).Add(c => c.Today, Today));

        Assert.All(chart.FindAll("rect.bar"), bar => Assert.Equal("0", bar.GetAttribute("height")));
        Assert.Contains("0 in all, at most 0 on a day", chart.Find("figcaption").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_day_with_few_issuances_beside_a_busy_one_still_shows()
    {
        var chart = _context.Render<IssuanceChart>(p => p
            .Add(c => c.PerDay, [new DayCount(Today, 10_000), new DayCount(Today.AddDays(-1), 1)])
            .Add(c => c.Today, Today));

        Assert.Equal(2, double.Parse(chart.FindAll("rect.bar")[28].GetAttribute("height")!, CultureInfo.InvariantCulture));
    }

    public void Dispose() => _context.Dispose();
}
