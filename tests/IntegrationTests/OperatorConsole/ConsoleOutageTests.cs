using System.Net;
using Microsoft.Data.Sqlite;
using Orleans.Licensing.IntegrationTests.Support;

namespace Orleans.Licensing.IntegrationTests.OperatorConsole;

/// <summary>
/// B.11 for the console, on a frontend of its own. The overview it counted as it started is kept for half a minute,
/// so its clock (the overview's alone) is moved past that before storage goes away.
/// </summary>
public sealed class ConsoleOutageTests(ConsoleFrontend frontend) : IClassFixture<ConsoleFrontend>
{
    [Fact]
    public async Task Pages_that_storage_cannot_serve_say_so_with_503_and_retry_after_and_serve_again_afterwards()
    {
        using var http = ConsoleHttp.NewClient(frontend.BaseAddress);
        await ConsoleHttp.LogIn(http);
        ConsoleFrontend.ExpireOverview();
        string[] paths = ["/console", "/console/licenses", "/console/billing?from=2016-01-01&to=2016-12-31"];

        var broken = new List<(HttpStatusCode Status, TimeSpan? RetryAfter, string? Type, string Page)>();
        await using (var database = new SqliteConnection($"Data Source={Path.Combine(frontend.DataDirectory, "licensing.db")};Pooling=False"))
        {
            await database.OpenAsync();
            await Execute(database, "ALTER TABLE Licenses RENAME TO LicensesAway");
            try
            {
                foreach (var path in paths)
                {
                    using var answer = await http.GetAsync(new Uri(path, UriKind.Relative));
                    broken.Add((answer.StatusCode, answer.Headers.RetryAfter?.Delta, answer.Content.Headers.ContentType?.MediaType, await answer.Content.ReadAsStringAsync()));
                }
            }
            finally
            {
                await Execute(database, "ALTER TABLE LicensesAway RENAME TO Licenses");
            }
        }

        Assert.All(broken, b =>
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, b.Status);
            Assert.Equal(TimeSpan.FromSeconds(60), b.RetryAfter);
            Assert.Equal("text/html", b.Type);
            Assert.Contains("<h1>The service is unavailable</h1>", b.Page, StringComparison.Ordinal);
            Assert.Contains("storage is unavailable", b.Page, StringComparison.Ordinal);
        });
        foreach (var path in paths)
        {
            using var answer = await http.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }
    }

    private static async Task Execute(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
