using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orleans.Licensing.IntegrationTests.Support;
using Orleans.Licensing.Licenses;

namespace Orleans.Licensing.IntegrationTests.Migration;

/// <summary>
/// Holds the current service, running on a migrated database, to what the previous version answered (the
/// manifest): KA's repeats, the operator's views, listing and billing report, and a license going on afterwards.
/// </summary>
internal static class MigratedServiceCheck
{
    /// <summary>The license renewed eight times: more issuances than the state keeps, its PURCHASE only in the history.</summary>
    public const string LongLicense = "20250001";

    /// <summary>The fixture has what the migration must carry: otherwise a regenerated manifest could pass by holding less.</summary>
    public static void AssertCoverage(LegacyManifest manifest)
    {
        var longLicense = manifest.License(LongLicense);
        Assert.True(longLicense.Issuances.Count >= LicenseState.RecentIssuances + 5, $"{LongLicense} has only {longLicense.Issuances.Count} issuances");
        Assert.Contains(manifest.Issued, r => r.PurchaseId == LongLicense && r.Action == "PURCHASE" && r.Replay == "identical");
        Assert.Contains(manifest.Issued, r => r.Action == "UPGRADE" && r.Form.Contains("PRODUCT_ID=someproduct1-pro&", StringComparison.Ordinal));
        Assert.Contains(manifest.Requests, r => r.Action == "USAGE");
        Assert.Contains(manifest.Requests, r => r.Action == "TERMINATE");
        Assert.Contains(manifest.Issued, r => r.Form.Contains("APS_TEST_MODE=Y", StringComparison.Ordinal));
        Assert.Contains(manifest.Licenses, l => l.PurchaseId == "0012345");
        Assert.Contains(manifest.Licenses, l => l.PurchaseId == "12345");
        Assert.Contains(manifest.Licenses, l => l.Issuances.Any(i => i.GetProperty("cause").GetString() == "Restore"));
    }

    /// <summary>
    /// Every recorded PURCHASE, RENEW and UPGRADE again: the byte-identical body and the same X-APS-Expiration-Date
    /// (or 409 for the terminated license, as before); each license, the listing and the billing report as the old
    /// operator API showed them; GET-INFO with the usage reported before the move.
    /// </summary>
    public static async Task AssertServesAsBefore(LegacyManifest manifest, Uri baseAddress)
    {
        using var http = new HttpClient { BaseAddress = baseAddress };
        var ka = new KaClient(http);
        foreach (var request in manifest.Issued.Where(r => r.Replay != "none"))
        {
            var answer = await ka.Post(request.Form);
            switch (request.Replay)
            {
                case "identical":
                    Assert.Equal((request.ToString(), HttpStatusCode.OK, request.Body, request.Expiration), (request.ToString(), answer.Status, answer.Base64, answer.Expiration));
                    break;
                case "conflict":
                    Assert.Equal((request.ToString(), HttpStatusCode.Conflict), (request.ToString(), answer.Status));
                    break;
                default:
                    throw new InvalidDataException($"{request}: replay '{request.Replay}' is not identical, conflict or none");
            }
        }

        foreach (var license in manifest.Licenses)
        {
            Assert.Equal(Normalized(license.View), Normalized(await OperatorGet(http, $"/operator/licenses/{license.PurchaseId}")));
        }

        Assert.Equal(Normalized(manifest.Listing), Normalized(await OperatorGet(http, "/operator/licenses?limit=1000")));
        Assert.Equal(
            Normalized(manifest.Billing.Report, "generatedAt"),
            Normalized(await OperatorGet(http, $"/operator/billing?from={manifest.Billing.From}&to={manifest.Billing.To}"), "generatedAt"));

        foreach (var license in manifest.Licenses.Where(l => l.TerminationDate is null))
        {
            var info = await ka.Post(KaForms.GetInfo(license.PurchaseId, license.ProductId));
            Assert.Equal((license.PurchaseId, HttpStatusCode.OK), (license.PurchaseId, info.Status));
            using var json = JsonDocument.Parse(info.Body);
            Assert.Equal(
                license.Usage.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => (c.Key, c.Value)),
                json.RootElement.GetProperty("usage").EnumerateObject().OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => (c.Name, c.Value.GetInt64())));
        }
    }

    /// <summary>
    /// A migrated license goes on: a new RENEW of the long license is answered 200 with the next revision, repeats
    /// identically, and takes its place after every old issuance and audit entry; its oldest PURCHASE, now one more
    /// issuance further back, still repeats byte for byte. Returns the new answer.
    /// </summary>
    public static async Task<KaAnswer> AssertGoesOn(LegacyManifest manifest, Uri baseAddress)
    {
        using var http = new HttpClient { BaseAddress = baseAddress };
        var ka = new KaClient(http);
        var license = manifest.License(LongLicense);
        var start = license.ExpiryDate.AddDays(-10);
        var expiry = start.AddMonths(1).AddDays(10);
        var form = KaForms.Renew(LongLicense, start, expiry, manifest.Issued.Last(r => r.PurchaseId == LongLicense).Body);

        var renewed = await ka.Post(form);

        Assert.Equal(HttpStatusCode.OK, renewed.Status);
        var claims = SignedClaims.Read(renewed.Body);
        Assert.Equal((LongLicense, license.Revision + 1, start, expiry), (claims.PurchaseId, claims.Revision, claims.StartDate, claims.ExpiryDate));
        Assert.Equal(MigratedRowsCheck.Http(DateTimeOffset.FromUnixTimeSeconds(claims.ExpiresAt)), renewed.Expiration);
        Assert.StartsWith(expiry.ToString("ddd, dd MMM yyyy", CultureInfo.InvariantCulture), renewed.Expiration, StringComparison.Ordinal);
        var again = await ka.Post(form);
        Assert.Equal((HttpStatusCode.OK, renewed.Base64, renewed.Expiration), (again.Status, again.Base64, again.Expiration));
        var purchase = manifest.Issued.First(r => r.PurchaseId == LongLicense);
        var repeated = await ka.Post(purchase.Form);
        Assert.Equal((HttpStatusCode.OK, purchase.Body, purchase.Expiration), (repeated.Status, repeated.Base64, repeated.Expiration));

        var view = await OperatorGet(http, $"/operator/licenses/{LongLicense}");
        var issuances = view.GetProperty("issuances").EnumerateArray().ToList();
        var audit = view.GetProperty("audit").EnumerateArray().ToList();
        Assert.Equal(license.Issuances.Select(i => Normalized(i)), issuances.SkipLast(1).Select(i => Normalized(i)));
        Assert.Equal(license.Audit.Select(a => Normalized(a)), audit.SkipLast(1).Select(a => Normalized(a)));
        var newest = issuances[^1];
        Assert.Equal(
            (license.Revision + 1, "Renew", MigratedRowsCheck.Sha256(renewed.Body)),
            (newest.GetProperty("revision").GetInt32(), newest.GetProperty("cause").GetString(), newest.GetProperty("bodySha256").GetString()));
        Assert.Equal("KA RENEW", audit[^1].GetProperty("cause").GetString());
        Assert.StartsWith(
            string.Create(CultureInfo.InvariantCulture, $"revision {license.Revision + 1}: someproduct1 {start:yyyy-MM-dd} to {expiry:yyyy-MM-dd}"),
            audit[^1].GetProperty("detail").GetString(),
            StringComparison.Ordinal);
        Assert.Equal(Text(expiry), view.GetProperty("expiryDate").GetString());

        // Its neighbours are untouched.
        foreach (var other in manifest.Licenses.Where(l => l.PurchaseId != LongLicense))
        {
            Assert.Equal(Normalized(other.View), Normalized(await OperatorGet(http, $"/operator/licenses/{other.PurchaseId}")));
        }

        return renewed;
    }

    /// <summary>After <see cref="AssertGoesOn"/>: the new issuance and audit entry are rows after the carried-over ones.</summary>
    public static async Task AssertNewRowsFollow(LegacyManifest manifest, StoredRows rows, KaAnswer renewed)
    {
        var license = manifest.License(LongLicense);
        var row = (await rows.Licenses()).Single(l => l.PurchaseId == LongLicense);
        Assert.Equal(license.Revision + 1, row.Revision);
        var issuance = Assert.Single(await rows.Issuances(), i => i.Body.AsSpan().SequenceEqual(renewed.Body));
        Assert.Equal((LongLicense, license.Revision + 1, "Renew"), (issuance.PurchaseId, issuance.Revision, issuance.Cause));
        var trail = (await rows.Audit()).Where(a => a.PurchaseId == LongLicense).ToList();
        Assert.Equal(license.Audit.Count + 1, trail.Count);
        Assert.Equal("KA RENEW", trail[^1].Cause);
        Assert.True(trail[^1].Version > trail[^2].Version, $"the new audit row's version {trail[^1].Version} is not after the migrated {trail[^2].Version}");
        Assert.Equal(trail[^1].Version, row.Version);
    }

    private static async Task<JsonElement> OperatorGet(HttpClient http, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("operator:operator-dev")));
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {text}");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>The same JSON text for the same content, whoever wrote it (jq or the service), without <paramref name="ignored"/>.</summary>
    /// <summary>
    /// The document with its members in name order: the billing report, now streamed, writes licensesConsidered
    /// after its lines, and a JSON object's member order carries no meaning.
    /// </summary>
    private static string Normalized(JsonElement element, params string[] ignored)
    {
        var node = JsonNode.Parse(element.GetRawText())!;
        foreach (var name in ignored)
        {
            node.AsObject().Remove(name);
        }

        return Ordered(node)?.ToJsonString() ?? "null";
    }

    private static JsonNode? Ordered(JsonNode? node) => node switch
    {
        JsonObject members => new JsonObject(members.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => KeyValuePair.Create(m.Key, Ordered(m.Value)))),
        JsonArray items => new JsonArray(items.Select(Ordered).ToArray()),
        _ => node?.DeepClone(),
    };

    private static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
