using System.Globalization;
using System.Net;
using Orleans.Licensing.IntegrationTests.Support;

namespace Orleans.Licensing.IntegrationTests.OperatorApi;

/// <summary>The operator CLI as a process against a running service.</summary>
[Collection(FrontendCollection.Name)]
public sealed class OperatorCliTests(EmbeddedFrontend frontend)
{
    [Fact]
    public async Task Inspect_shows_the_license_usage_reports_and_billing_exports_a_file()
    {
        var ka = frontend.NewClient();
        var id = Ids.Next("C");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.Equal(HttpStatusCode.OK, (await ka.Post(KaForms.Purchase(id, today, today.AddDays(30)))).Status);

        var usage = await Run("usage", id, "usedAccounts=12", "usedClusters=2");
        var inspect = await Run("inspect", id);
        var file = Path.Combine(TestEnvironment.NewDataDirectory(), "billing.csv");
        var export = await Run("billing", "--from", today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "--to", today.AddDays(9).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "--out", file);
        var unknown = await Run("inspect", Ids.Next("C"));
        var wrongPassword = await Run("inspect", id, "--password", "nope");

        Assert.Equal(0, usage.ExitCode);
        Assert.Contains("\"usedAccounts\":12", usage.Output, StringComparison.Ordinal);
        Assert.Equal(0, inspect.ExitCode);
        Assert.Contains(id, inspect.Output, StringComparison.Ordinal);
        Assert.Contains("Operator usage report", inspect.Output, StringComparison.Ordinal);
        Assert.Equal(0, export.ExitCode);
        Assert.Contains($"{id},someproduct1,10,", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("404", unknown.Output, StringComparison.Ordinal);
        Assert.Equal(1, wrongPassword.ExitCode);
        Assert.Contains("403", wrongPassword.Output, StringComparison.Ordinal);
    }

    private async Task<(int ExitCode, string Output)> Run(params string[] arguments)
    {
        var result = await ExternalCommand.Run("dotnet", [RepositoryPaths.Binary("tools/Operator", "Orleans.Licensing.Operator"), "--url", frontend.BaseAddress.ToString(), .. arguments]);
        return (result.ExitCode, result.Output + result.Error);
    }
}
