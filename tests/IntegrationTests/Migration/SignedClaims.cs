using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Orleans.Licensing.IntegrationTests.Migration;

/// <summary>What a license body (a JWS token) says about itself: the signing key's id and the claims signed in it.</summary>
internal sealed record SignedClaims(
    string KeyId,
    string PurchaseId,
    int Revision,
    string ProductId,
    bool Test,
    string? RegName,
    string? Activation,
    string? Subscribed,
    string Start,
    string Expiry,
    long ExpiresAt,
    long IssuedAt)
{
    public DateOnly StartDate => DateOnly.ParseExact(Start, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public DateOnly ExpiryDate => DateOnly.ParseExact(Expiry, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static SignedClaims Read(byte[] body)
    {
        var parts = Encoding.ASCII.GetString(body).Split('.');
        Assert.Equal(3, parts.Length);
        using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
        using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
        var claims = payload.RootElement;
        return new SignedClaims(
            header.RootElement.GetProperty("kid").GetString()!,
            claims.GetProperty("sub").GetString()!,
            claims.GetProperty("rev").GetInt32(),
            claims.GetProperty("product").GetString()!,
            claims.GetProperty("test").GetBoolean(),
            Optional(claims, "reg_name"),
            Optional(claims, "activation"),
            Optional(claims, "subscribed"),
            claims.GetProperty("start").GetString()!,
            claims.GetProperty("expiry").GetString()!,
            claims.GetProperty("exp").GetInt64(),
            claims.GetProperty("iat").GetInt64());
    }

    private static string? Optional(JsonElement claims, string name) =>
        claims.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.GetString() : null;
}
