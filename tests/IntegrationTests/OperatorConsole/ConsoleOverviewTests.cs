using System.Globalization;
using System.Text.RegularExpressions;
using Orleans.Licensing.IntegrationTests.Support;

namespace Orleans.Licensing.IntegrationTests.OperatorConsole;

/// <summary>On a frontend of its own, so no request has asked for the overview before this test does.</summary>
public sealed partial class ConsoleOverviewTests(EmbeddedFrontend frontend) : IClassFixture<EmbeddedFrontend>
{
    [Fact]
    public async Task The_overview_is_counted_as_the_frontend_starts_so_the_first_operator_does_not_wait_for_it()
    {
        using var http = ConsoleHttp.NewClient(frontend.BaseAddress);
        await ConsoleHttp.LogIn(http);
        await Task.Delay(TimeSpan.FromSeconds(2));

        var asked = DateTimeOffset.UtcNow;
        var page = await http.GetStringAsync(new Uri("/console", UriKind.Relative));

        var counted = CountedAt().Match(page);
        Assert.True(counted.Success, "the overview shows no count time");
        var countedAt = DateTimeOffset.ParseExact(counted.Groups[1].Value, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        // Counted on request it would show the second it was asked in, or a later one.
        Assert.True(countedAt <= asked - TimeSpan.FromSeconds(1), $"counted at {countedAt:O}, asked at {asked:O}");
    }

    [GeneratedRegex(@"Counted at (\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}) UTC")]
    private static partial Regex CountedAt();
}
