using System.Net.Http.Headers;
using System.Text;

namespace Orleans.Licensing.Bench;

/// <summary>
/// The driver checked against a real instance: the mix it sends is valid (every answer 200), replays come back
/// byte for byte, both loop modes work, and the answers that must not be 200 are not.
/// </summary>
internal static class SmokeCheck
{
    public static async Task<bool> Run(KaHttp http, int requests)
    {
        var failures = new List<string>();
        var prefix = LicenseBook.NewPrefix('S');
        var book = new LicenseBook(prefix, 7);
        var runner = new LoadRunner(http, book, new ProcessMeter([], null), 8, showProgress: false);

        var seed = await runner.Run("seed", false, Mix.PurchaseOnly, null, TimeSpan.FromMinutes(1), 40);
        var closed = await runner.Run("closed:mixed", false, Mix.Mixed, null, TimeSpan.FromMinutes(2), requests);
        var open = await runner.Run("open:mixed:100", true, Mix.Mixed, 100, TimeSpan.FromSeconds(2));
        foreach (var phase in new[] { seed, closed, open })
        {
            ResultTables.Line(phase);
            if (phase.NonOk > 0)
            {
                failures.Add($"{phase.Name}: {phase.NonOk} answers were not 200: {string.Join("; ", phase.Problems)}");
            }

            if (phase.ReplayMismatches > 0)
            {
                failures.Add($"{phase.Name}: {phase.ReplayMismatches} replays were answered with other bytes");
            }
        }

        foreach (var action in Enum.GetValues<KaAction>().Select(LoadRunner.ActionName))
        {
            if (!closed.Actions.ContainsKey(action))
            {
                failures.Add($"the mixed phase sent no {action}");
            }
        }

        if (open.Requests < 150)
        {
            failures.Add($"the open loop at 100/s for 2 s completed only {open.Requests} requests");
        }

        await Probes(http, prefix, failures);

        foreach (var failure in failures)
        {
            Console.WriteLine($"FAIL {failure}");
        }

        Console.WriteLine(failures.Count == 0 ? "smoke: ok" : $"smoke: {failures.Count} failure(s)");
        return failures.Count == 0;
    }

    private static async Task Probes(KaHttp http, string prefix, List<string> failures)
    {
        var start = new DateOnly(2016, 3, 12);
        var expiry = start.AddMonths(1).AddDays(10);

        async Task<KaResponse> Expect(string what, string form, int status, AuthenticationHeaderValue? auth = null)
        {
            var response = auth is null ? await http.Post(form, CancellationToken.None) : await http.Post(form, auth, CancellationToken.None);
            Console.WriteLine($"probe {what}: {response.Status} (expected {status})");
            if (response.Status != status)
            {
                failures.Add($"{what}: {response.Status} {Encoding.UTF8.GetString(response.Body)}, expected {status}");
            }

            return response;
        }

        var unknown = prefix + "U";
        await Expect("RENEW of a license never purchased", KaForms.Issue("RENEW", unknown, KaForms.Basic, start, expiry), 404);

        var wrong = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("john:wrong")));
        await Expect("wrong password", KaForms.GetInfo(unknown, KaForms.Basic), 403, wrong);

        var kept = prefix + "R";
        var purchase = KaForms.Issue("PURCHASE", kept, KaForms.Basic, start, expiry);
        var first = await Expect("PURCHASE", purchase, 200);
        var again = await Expect("the same PURCHASE again", purchase, 200);
        if (!first.Body.AsSpan().SequenceEqual(again.Body))
        {
            failures.Add("a repeated PURCHASE was answered with other bytes");
        }

        var ended = prefix + "T";
        var purchaseEnded = KaForms.Issue("PURCHASE", ended, KaForms.Basic, start, expiry);
        await Expect("PURCHASE before TERMINATE", purchaseEnded, 200);
        await Expect("TERMINATE", KaForms.Terminate(ended, start.AddDays(15)), 200);
        await Expect("GET-INFO of a terminated license", KaForms.GetInfo(ended, KaForms.Basic), 409);
        await Expect("replay of a terminated license's PURCHASE", purchaseEnded, 409);
    }
}
