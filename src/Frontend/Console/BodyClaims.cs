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

            return [.. document.RootElement.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, Text(p)))];
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return [];
        }
    }

    /// <summary>Strings as they are; the JWT instants (iat, nbf, exp: Unix seconds) with their UTC time beside them.</summary>
    private static string Text(JsonProperty claim) => claim.Value.ValueKind switch
    {
        JsonValueKind.String => claim.Value.GetString()!,
        JsonValueKind.Number when claim.Name is "iat" or "nbf" or "exp" && claim.Value.TryGetInt64(out var seconds)
            && seconds >= DateTimeOffset.MinValue.ToUnixTimeSeconds() && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds() =>
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{seconds} ({DateTimeOffset.FromUnixTimeSeconds(seconds):yyyy-MM-dd HH:mm:ss} UTC)"),
        _ => claim.Value.GetRawText(),
    };

    public static string? Find(IReadOnlyList<KeyValuePair<string, string>> claims, string name) =>
        claims.FirstOrDefault(c => c.Key == name).Value;
}
