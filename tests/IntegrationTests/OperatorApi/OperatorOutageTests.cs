using System.Net;
using System.Net.Http.Headers;
using Microsoft.Data.Sqlite;
using Orleans.Licensing.IntegrationTests.Support;

namespace Orleans.Licensing.IntegrationTests.OperatorApi;

/// <summary>
/// B.11 for the operator API on the embedded default: storage that refuses a write, or that cannot be read,
/// answers 503 with Retry-After and the one-line error, never 500, and serves again once storage is back.
/// </summary>
[Collection(FrontendCollection.Name)]
public sealed class OperatorOutageTests(EmbeddedFrontend frontend)
{
    private static readonly DateOnly Start = new(2016, 3, 12);
    private static readonly DateOnly Expiry = new(2016, 4, 22);

    [Fact]
    public async Task A_usage_report_that_storage_refuses_is_503_with_retry_after_and_its_retry_succeeds()
    {
        var ka = frontend.NewClient();
        var id = Ids.Next("S");
        Assert.Equal(HttpStatusCode.OK, (await ka.Post(KaForms.Purchase(id, Start, Expiry))).Status);

        KaAnswer refused;
        // Not pooled: a pooled connection would go back to the pool still holding the lock.
        await using (var blocker = Database(pooled: false))
        {
            await blocker.OpenAsync();
            await Execute(blocker, "BEGIN EXCLUSIVE");
            refused = await ka.ReportUsage(id, """{"usedAccounts":3}""");
        }

        var retried = await ka.ReportUsage(id, """{"usedAccounts":3}""");

        AssertUnavailable(refused.Status, refused.Headers.RetryAfter, refused.Text, refused.ContentType);
        Assert.Equal(HttpStatusCode.OK, retried.Status);
    }

    [Fact]
    public async Task Listings_and_billing_that_storage_cannot_read_are_503_with_retry_after_and_serve_again_afterwards()
    {
        Assert.Equal(HttpStatusCode.OK, (await frontend.NewClient().Post(KaForms.Purchase(Ids.Next("S"), Start, Expiry))).Status);
        using var http = new HttpClient { BaseAddress = frontend.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("operator:operator-dev"u8));
        string[] paths = ["/operator/licenses", "/operator/billing?from=2016-01-01&to=2016-12-31"];

        var broken = new List<HttpResponseMessage>();
        await using (var database = Database(pooled: false))
        {
            await database.OpenAsync();
            // Storage that answers but cannot serve the query: as good as down for the reader.
            await Execute(database, "ALTER TABLE Licenses RENAME TO LicensesAway");
            try
            {
                foreach (var path in paths)
                {
                    broken.Add(await http.GetAsync(new Uri(path, UriKind.Relative)));
                }
            }
            finally
            {
                await Execute(database, "ALTER TABLE LicensesAway RENAME TO Licenses");
            }
        }

        foreach (var response in broken)
        {
            using (response)
            {
                AssertUnavailable(response.StatusCode, response.Headers.RetryAfter, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.ToString());
            }
        }

        foreach (var path in paths)
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    private static void AssertUnavailable(HttpStatusCode status, RetryConditionHeaderValue? retryAfter, string text, string? contentType)
    {
        Assert.True(status == HttpStatusCode.ServiceUnavailable, $"{(int)status}: {text}");
        Assert.True(retryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {retryAfter}");
        Assert.StartsWith("Error: ", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', text);
        Assert.Equal("text/plain; charset=utf-8", contentType);
    }

    private SqliteConnection Database(bool pooled) =>
        new($"Data Source={Path.Combine(frontend.DataDirectory, "licensing.db")};Pooling={pooled}");

    private static async Task Execute(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
