using System.Text;
using Orleans.Licensing.Frontend.Console;
using Orleans.Licensing.Storage;

namespace Orleans.Licensing.UnitTests.Frontend.OperatorConsole;

/// <summary>What the console makes of what it is given: query strings, form fields, return paths, bodies.</summary>
public sealed class ConsoleInputTests
{
    [Theory]
    [InlineData(null, null, null, null, null, null)]
    [InlineData("C12", "Expired", "test", "expiry", "2016-04-22/C123", null)]
    [InlineData("C-12", null, null, null, null, "'C-12' is not the start of a PURCHASE_ID (1 to 10 letters and digits).")]
    [InlineData(null, "Gone", null, null, null, "status 'Gone' is not Active, Expired or Terminated.")]
    [InlineData(null, null, "maybe", null, null, "test 'maybe' is not real or test.")]
    [InlineData(null, null, null, "name", null, "sort 'name' is not expiry.")]
    [InlineData(null, null, null, "expiry", "2016-13-40/C1", "after '2016-13-40/C1' is not where a page of this list ends; start from the first page.")]
    [InlineData(null, null, null, null, "2016-04-22/C1", "after '2016-04-22/C1' is not where a page of this list ends; start from the first page.")]
    public void The_list_takes_only_the_parameters_it_offers(string? q, string? status, string? test, string? sort, string? after, string? expected)
    {
        var search = ConsoleSearch.Parse(q, null, status, test, sort, after, out var error);

        Assert.Equal(expected, error);
        Assert.Equal(expected is null, search is not null);
    }

    [Fact]
    public void The_list_turns_its_parameters_into_a_search()
    {
        var search = ConsoleSearch.Parse(" C12 ", "someproduct1", "Active", "real", "expiry", null, out _);

        Assert.Equal(new LicenseSearch("C12", "someproduct1", "Active", false, true, null, ConsoleSearch.PageSize), search);
        Assert.Equal("/console/licenses?q=C12&product=a%26b&after=X1", ConsoleSearch.Link("C12", "a&b", null, "", null, "X1"));
    }

    [Theory]
    [InlineData("/console/licenses?q=1", "/console/licenses?q=1")]
    [InlineData("/console", "/console")]
    [InlineData("https://attacker.example/console", "/console")]
    [InlineData("//attacker.example/console", "/console")]
    [InlineData("/console//attacker.example", "/console")]
    [InlineData("/console\\..", "/console")]
    [InlineData("/consoleevil", "/console")]
    [InlineData("/operator/billing", "/console")]
    [InlineData(null, "/console")]
    public void A_login_returns_only_to_a_console_page(string? returnUrl, string expected) =>
        Assert.Equal(expected, ConsoleAuthentication.SafeReturnPath(returnUrl));

    [Fact]
    public void Usage_fields_become_the_api_counters_and_are_refused_in_its_words()
    {
        string[] names = ["usedAccounts", "usedClusters"];

        var both = UsageSubmission.Parse(names, new Dictionary<string, string> { ["usedAccounts"] = " 7 ", ["usedClusters"] = "", ["other"] = "3" }, out var none);
        var bad = UsageSubmission.Parse(names, new Dictionary<string, string> { ["usedAccounts"] = "7.5" }, out var notInteger);
        var empty = UsageSubmission.Parse(names, null, out var nothing);

        Assert.Equal(new Dictionary<string, long> { ["usedAccounts"] = 7 }, both);
        Assert.Null(none);
        Assert.Null(bad);
        Assert.Equal("counter 'usedAccounts' is not an integer", notInteger);
        Assert.Null(empty);
        Assert.Equal("the report names no counter: fill in at least one", nothing);
    }

    [Fact]
    public void A_body_decodes_to_its_claims_as_text()
    {
        var payload = """{"sub":"C1","iat":1700000000,"reg_name":"<script>x</script>","features":{"max":100}}""";
        var body = Encoding.ASCII.GetBytes("eyJhbGciOiJFZERTQSJ9." + Convert.ToBase64String(Encoding.UTF8.GetBytes(payload)).TrimEnd('=').Replace('+', '-').Replace('/', '_') + ".c2ln");

        var claims = BodyClaims.Decode(body);

        Assert.Equal(
            [("sub", "C1"), ("iat", "1700000000 (2023-11-14 22:13:20 UTC)"), ("reg_name", "<script>x</script>"), ("features", """{"max":100}""")],
            claims.Select(c => (c.Key, c.Value)));
        Assert.Empty(BodyClaims.Decode("not a token"u8.ToArray()));
        Assert.Empty(BodyClaims.Decode("a.!!!.c"u8.ToArray()));
    }

    [Theory]
    [InlineData("C1", "C2")]
    [InlineData("C9", "C:")]
    [InlineData("Cz", "C{")]
    [InlineData("A", "B")]
    public void A_prefix_range_ends_at_the_first_string_after_every_string_it_starts(string prefix, string upper)
    {
        Assert.Equal(upper, LicenseQueries.UpperBound(prefix));
        Assert.True(string.CompareOrdinal(prefix + "zzzzzzzzz", upper) < 0);
    }
}
