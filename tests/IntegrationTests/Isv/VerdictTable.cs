using System.Text.Json;
using Orleans.Licensing.IntegrationTests.Support;

namespace Orleans.Licensing.IntegrationTests.Isv;

/// <summary>
/// tests/IntegrationTests/Isv/verdicts.json, and the bodies it names issued by the real service into a directory the
/// PHP tests read too: bodies/&lt;kind&gt;.jws, jwks.json, and revocations.jws published after one of them was terminated.
/// </summary>
internal sealed class VerdictTable
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    private VerdictTable(string directory, IReadOnlyList<VerdictCase> cases)
    {
        Directory = directory;
        Cases = cases;
    }

    public static string File => Path.Combine(RepositoryPaths.Root, "tests", "IntegrationTests", "Isv", "verdicts.json");

    public string Directory { get; }

    public IReadOnlyList<VerdictCase> Cases { get; }

    public string Jwks => Path.Combine(Directory, "jwks.json");

    public string Revocations => Path.Combine(Directory, "revocations.jws");

    public string Body(string kind) => Path.Combine(Directory, "bodies", kind + ".jws");

    public static async Task<VerdictTable> Issue(KaClient ka)
    {
        using var document = JsonDocument.Parse(await System.IO.File.ReadAllTextAsync(File));
        var cases = document.RootElement.GetProperty("cases").Deserialize<List<VerdictCase>>(Json)!;
        var table = new VerdictTable(TestEnvironment.NewDataDirectory(), cases);
        System.IO.Directory.CreateDirectory(Path.Combine(table.Directory, "bodies"));
        await System.IO.File.WriteAllTextAsync(table.Jwks, await IssuedBodies.Jwks(ka));

        var today = IssuedBodies.Today;
        var unbound = await IssuedBodies.Current(ka);
        var revokedId = Ids.Next("T");
        var bodies = new Dictionary<string, byte[]>
        {
            ["unbound"] = unbound,
            ["bound"] = await IssuedBodies.Current(ka, activation: "shop.example.com"),
            ["boundToAddress"] = await IssuedBodies.Current(ka, activation: "2001:db8::7"),
            ["test"] = await IssuedBodies.Current(ka, testMode: "Y"),
            ["expired2016"] = await IssuedBodies.Of2016(ka),
            ["expired3DaysAgo"] = await IssuedBodies.ExpiredDaysAgo(ka, 3),
            ["notYetValid"] = await IssuedBodies.Purchase(ka, today.AddDays(10), today.AddDays(40)),
            ["pro"] = await IssuedBodies.Current(ka, product: "someproduct1-pro"),
            ["tampered"] = IssuedBodies.Tampered(unbound),
            ["garbage"] = "this is not a license"u8.ToArray(),
            ["revoked"] = await IssuedBodies.Purchase(ka, today, today.AddDays(30), purchaseId: revokedId),
        };
        await Isv.Revocations.Terminate(ka, revokedId);
        await System.IO.File.WriteAllBytesAsync(table.Revocations, await Isv.Revocations.Listing(ka, revokedId));
        foreach (var (kind, body) in bodies)
        {
            await System.IO.File.WriteAllBytesAsync(table.Body(kind), body);
        }

        var missing = cases.Select(c => c.Body).Distinct().Where(kind => !bodies.ContainsKey(kind)).ToList();
        Assert.True(missing.Count == 0, $"verdicts.json names bodies the test does not issue: {string.Join(", ", missing)}");
        return table;
    }

    public void Delete() => System.IO.Directory.Delete(Directory, recursive: true);
}
