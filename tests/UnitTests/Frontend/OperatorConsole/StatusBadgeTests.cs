using Bunit;
using Orleans.Licensing.Frontend.Console.Components;

namespace Orleans.Licensing.UnitTests.Frontend.OperatorConsole;

public sealed class StatusBadgeTests : IDisposable
{
    private readonly BunitContext _context = new();

    [Theory]
    [InlineData("Active", "badge active")]
    [InlineData("Expired", "badge expired")]
    [InlineData("Terminated", "badge terminated")]
    public void The_status_is_a_word_with_its_own_style(string status, string classes)
    {
        var badge = _context.Render<StatusBadge>(p => p.Add(b => b.Status, status));

        var span = Assert.Single(badge.FindAll("span"));
        Assert.Equal(status, span.TextContent);
        Assert.Equal(classes, span.ClassName);
    }

    [Fact]
    public void A_test_license_carries_a_second_badge()
    {
        var badge = _context.Render<StatusBadge>(p => p.Add(b => b.Status, "Active").Add(b => b.TestMode, true));

        Assert.Equal(["Active", "test"], badge.FindAll("span").Select(s => s.TextContent));
    }

    public void Dispose() => _context.Dispose();
}
