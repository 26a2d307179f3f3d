using System.Globalization;
using System.Text.Json;

namespace IsvLicensing.Verifier;

/// <summary>
/// The payload of a license body. JWT registered claims carry what stock JWT libraries check
/// (<c>sub</c> = PURCHASE_ID, <c>nbf</c> = start, <c>exp</c> = expiry); the rest is ours.
/// </summary>
public sealed record LicenseClaims(
    string Issuer,
    string PurchaseId,
    int Revision,
    string ProductId,
    string Edition,
    IReadOnlyDictionary<string, string> Features,
    bool Test,
    string? RegName,
    string? Activation,
    DateOnly? SubscriptionDate,
    DateOnly StartDate,
    DateOnly ExpiryDate,
    DateTimeOffset ExpiresAt,
    DateTimeOffset IssuedAt)
{
    private const string DateFormat = "yyyy-MM-dd";

    /// <summary>Writes the payload with a fixed member order, so the same claims always give the same bytes.</summary>
    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("iss", Issuer);
            json.WriteString("sub", PurchaseId);
            json.WriteString("jti", string.Create(CultureInfo.InvariantCulture, $"{PurchaseId}.{Revision}"));
            json.WriteNumber("iat", IssuedAt.ToUnixTimeSeconds());
            json.WriteNumber("nbf", new DateTimeOffset(StartDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds());
            json.WriteNumber("exp", ExpiresAt.ToUnixTimeSeconds());
            json.WriteNumber("rev", Revision);
            json.WriteString("product", ProductId);
            json.WriteString("edition", Edition);
            json.WriteStartObject("features");
            foreach (var (name, value) in Features.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                WriteFeature(json, name, value);
            }

            json.WriteEndObject();
            json.WriteBoolean("test", Test);
            WriteOptional(json, "reg_name", RegName);
            WriteOptional(json, "activation", Activation);
            WriteOptional(json, "subscribed", SubscriptionDate?.ToString(DateFormat, CultureInfo.InvariantCulture));
            json.WriteString("start", StartDate.ToString(DateFormat, CultureInfo.InvariantCulture));
            json.WriteString("expiry", ExpiryDate.ToString(DateFormat, CultureInfo.InvariantCulture));
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Reads a payload; null when it is not a license payload of ours.</summary>
    public static LicenseClaims? TryParse(ReadOnlySpan<byte> payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload.ToArray());
            var root = document.RootElement;
            var features = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var feature in root.GetProperty("features").EnumerateObject())
            {
                features[feature.Name] = feature.Value.ValueKind == JsonValueKind.String
                    ? feature.Value.GetString()!
                    : feature.Value.GetRawText();
            }

            return new LicenseClaims(
                root.GetProperty("iss").GetString()!,
                root.GetProperty("sub").GetString()!,
                root.GetProperty("rev").GetInt32(),
                root.GetProperty("product").GetString()!,
                root.GetProperty("edition").GetString()!,
                features,
                root.GetProperty("test").GetBoolean(),
                OptionalString(root, "reg_name"),
                OptionalString(root, "activation"),
                OptionalString(root, "subscribed") is { } subscribed ? ParseDate(subscribed) : null,
                ParseDate(root.GetProperty("start").GetString()!),
                ParseDate(root.GetProperty("expiry").GetString()!),
                DateTimeOffset.FromUnixTimeSeconds(root.GetProperty("exp").GetInt64()),
                DateTimeOffset.FromUnixTimeSeconds(root.GetProperty("iat").GetInt64()));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            return null;
        }
    }

    private static void WriteFeature(Utf8JsonWriter json, string name, string value)
    {
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            json.WriteNumber(name, number);
        }
        else if (bool.TryParse(value, out var flag))
        {
            json.WriteBoolean(name, flag);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private static string? OptionalString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateOnly ParseDate(string text) => DateOnly.ParseExact(text, DateFormat, CultureInfo.InvariantCulture);
}
