using System.Globalization;
using System.Text.Json;

namespace Orleans.Licensing.IntegrationTests.Migration;

/// <summary>One license as the previous version's GET /operator/licenses/{id} showed it: every issuance and the audit trail.</summary>
internal sealed record LegacyLicense(string PurchaseId, JsonElement View)
{
    public string ProductId => View.GetProperty("productId").GetString()!;

    public bool TestMode => View.GetProperty("testMode").GetBoolean();

    public DateOnly StartDate => Day(View.GetProperty("startDate"))!.Value;

    public DateOnly ExpiryDate => Day(View.GetProperty("expiryDate"))!.Value;

    public DateOnly? TerminationDate => Day(View.GetProperty("terminationDate"));

    public IReadOnlyList<JsonElement> Issuances => [.. View.GetProperty("issuances").EnumerateArray()];

    public IReadOnlyList<JsonElement> Audit => [.. View.GetProperty("audit").EnumerateArray()];

    /// <summary>The revision of the body KA holds now: the last one issued.</summary>
    public int Revision => Issuances[^1].GetProperty("revision").GetInt32();

    /// <summary>Every counter of the product with its value (0 when nothing was reported).</summary>
    public IReadOnlyDictionary<string, long> Usage =>
        View.GetProperty("usage").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("value").GetInt64(), StringComparer.Ordinal);

    public static DateOnly? Day(JsonElement value) =>
        value.ValueKind == JsonValueKind.Null ? null : DateOnly.ParseExact(value.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
