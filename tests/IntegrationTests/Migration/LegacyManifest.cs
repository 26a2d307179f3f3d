using System.Text.Json;

namespace Orleans.Licensing.IntegrationTests.Migration;

/// <summary>
/// Everything the previous version answered while it wrote a fixture database (manifest.&lt;storage&gt;.json): each
/// request in order, each license as its operator API showed it, the listing and the billing report.
/// </summary>
internal sealed record LegacyManifest(
    string MadeBy,
    string Storage,
    string LostBody,
    IReadOnlyList<LegacyRequest> Requests,
    IReadOnlyList<LegacyLicense> Licenses,
    JsonElement Listing,
    LegacyBilling Billing)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Every PURCHASE, RENEW and UPGRADE the old version answered 200, in the order it answered them.</summary>
    public IEnumerable<LegacyRequest> Issued => Requests.Where(r => r.IsIssuance);

    /// <summary>
    /// The body of license 20250007 that a throwaway instance issued and this database never held; KA's RENEW
    /// carried it back as PREVIOUS_LICENSE_BODY and the old service restored the license from it.
    /// </summary>
    public byte[] LostBodyBytes => Convert.FromBase64String(LostBody);

    public LegacyLicense License(string purchaseId) => Licenses.Single(l => l.PurchaseId == purchaseId);

    /// <summary>Every body of the license's issuances, the restored one included, by SHA-256 (as the view names them).</summary>
    public byte[] BodyBySha256(string sha256) =>
        Issued.Select(r => r.BodyBytes).Append(LostBodyBytes)
            .FirstOrDefault(body => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body)) == sha256)
        ?? throw new InvalidDataException($"the manifest holds no body with SHA-256 {sha256}: the fixture is inconsistent");

    public static LegacyManifest Load(string path) =>
        JsonSerializer.Deserialize<LegacyManifest>(File.ReadAllBytes(path), Json) ?? throw new InvalidDataException($"{path} is empty");
}
