using System.Buffers.Text;
using System.Text.Json;

namespace Orleans.Licensing.Frontend.Console;

/// <summary>
/// The claims of an issued body (a JWS compact token) as name and text pairs, in the order the body has them;
/// objects (the features) stay as their JSON. Shown as text, so whatever a stranger put in REG_NAME or
/// ACTIVATION_DATA stays text.
/// </summary>
internal static class BodyClaims
{
    /// <summary>Empty when the body is not a token whose payload is a JSON object.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Decode(byte[] body)
    {
        var parts = body.AsSpan();
        var first = parts.IndexOf((byte)'.');
        var last = parts.LastIndexOf((byte)'.');
        if (first < 0 || last <= first)
        {
            return [];
        }

        try
        {
            var payload = Base64Url.DecodeFromUtf8(parts[(first + 1)..last]);
            using var document = JsonDocument.Parse(payload);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return [];
            }

            return [.. document.RootElement.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText()))];
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return [];
        }
    }

    public static string? Find(IReadOnlyList<KeyValuePair<string, string>> claims, string name) =>
        claims.FirstOrDefault(c => c.Key == name).Value;
}
