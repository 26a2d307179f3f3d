using Bunit;
using Orleans.Licensing.Frontend.Console.Components;

namespace Orleans.Licensing.UnitTests.Frontend.OperatorConsole;

public sealed class LicenseTableTests : IDisposable
{
    private static readonly DateOnly Today = new(2026, 11, 29);
    private readonly BunitContext _context = new();

    [Fact]
    public void Each_license_links_to_its_page_with_its_days_left_and_its_termination()
    {
        var table = _context.Render<LicenseTable>(p => p
            .Add(t => t.Today, Today)
            .Add(t => t.Licenses, [
                new LicenseSummary("A1", "someproduct1", "Active", false, Today.AddDays(-10), Today.AddDays(5), null),
                new LicenseSummary("A2", "someproduct1", "Terminated", true, Today.AddDays(-10), Today.AddDays(-3), Today.AddDays(-5)),
            ]));

        var rows = table.FindAll("tbody tr");
        Assert.Equal("/console/licenses/A1", rows[0].QuerySelector("th a")!.GetAttribute("href"));
        Assert.Equal("5", rows[0].Children[5].TextContent);
        Assert.Equal("-3", rows[1].Children[5].TextContent);
        Assert.Contains("terminated 2026-11-24", rows[1].Children[4].TextContent, StringComparison.Ordinal);
        Assert.Equal(["Terminated", "test"], rows[1].QuerySelectorAll("span.badge").Select(s => s.TextContent));
    }

    [Fact]
    public void No_license_is_a_sentence_not_an_empty_table()
    {
        var table = _context.Render<LicenseTable>(p => p.Add(t => t.Today, Today).Add(t => t.Licenses, []));

        Assert.Empty(table.FindAll("table"));
        Assert.Equal("None.", table.Find("p").TextContent);
    }

    public void Dispose() => _context.Dispose();
}
