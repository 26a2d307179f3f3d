using System.Globalization;
using System.Text.Json;

namespace IsvLicensing.Verifier;

/// <summary>
/// B.13's revocation document: a JWS signed like the bodies whose payload names the issuer, when it was issued,
/// when the next one will be, and the licenses KA terminated. Read it with <see cref="Verify(string, LicenseKeySet, string?)"/>, then give it to
/// <see cref="VerificationPolicy.Revocations"/>.
/// </summary>
public sealed class RevocationList
{
    private const string DateFormat = "yyyy-MM-dd";

    private readonly Dictionary<string, RevokedLicense> _revoked;

    public RevocationList(string issuer, DateTimeOffset issuedAt, DateTimeOffset nextUpdate, IEnumerable<RevokedLicense> revoked)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        Issuer = issuer;
        IssuedAt = issuedAt;
        NextUpdate = nextUpdate;
        _revoked = new Dictionary<string, RevokedLicense>(StringComparer.Ordinal);
        foreach (var license in revoked)
        {
            _revoked[license.PurchaseId] = license;
        }
    }

    public string Issuer { get; }

    public DateTimeOffset IssuedAt { get; }

    /// <summary>When the service will publish the next document; a copy used after it is stale (see <see cref="IsStale"/>).</summary>
    public DateTimeOffset NextUpdate { get; }

    public IReadOnlyCollection<RevokedLicense> Revoked => _revoked.Values;

    /// <summary>How old this copy is at <paramref name="now"/>: what a verifier reports when it cannot get a newer one.</summary>
    public TimeSpan Age(DateTimeOffset now) => now - IssuedAt;

    public bool IsStale(DateTimeOffset now) => now >= NextUpdate;

    /// <summary>The entry revoking this license at <paramref name="now"/>, or null: same issuer, same PURCHASE_ID, termination date reached.</summary>
    public RevokedLicense? Find(LicenseClaims claims, DateTimeOffset now) =>
        string.Equals(claims.Issuer, Issuer, StringComparison.Ordinal)
        && _revoked.TryGetValue(claims.PurchaseId, out var entry) && now >= entry.RevokedFrom
            ? entry
            : null;

    /// <summary>
    /// Checks a document against the published keys (and the issuer, when given) and reads it.
    /// </summary>
    /// <exception cref="FormatException">Not a well-signed revocation document of that issuer; the message says why.</exception>
    public static RevocationList Verify(ReadOnlySpan<byte> jws, LicenseKeySet keys, string? issuer = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var token = LicenseTokenVerifier.VerifySignature(jws.Trim(" \t\r\n"u8), keys, out var payload);
        if (token.Failure != VerificationFailure.None)
        {
            throw new FormatException($"revocation document refused: {token.Failure}: {LicenseVerifier.DescribeTokenFailure(token)}");
        }

        var list = TryParse(payload) ?? throw new FormatException("revocation document refused: well signed, but its payload is not a revocation list");
        if (issuer is not null && !string.Equals(list.Issuer, issuer, StringComparison.Ordinal))
        {
            throw new FormatException($"revocation document refused: issued by '{list.Issuer}', expected '{issuer}'");
        }

        return list;
    }

    /// <inheritdoc cref="Verify(ReadOnlySpan{byte}, LicenseKeySet, string?)"/>
    public static RevocationList Verify(string jws, LicenseKeySet keys, string? issuer = null)
    {
        ArgumentNullException.ThrowIfNull(jws);
        return Verify(System.Text.Encoding.UTF8.GetBytes(jws), keys, issuer);
    }

    /// <summary>The payload the service signs, with a fixed member order and the entries by PURCHASE_ID.</summary>
    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("iss", Issuer);
            json.WriteString("typ", "revocations");
            json.WriteNumber("iat", IssuedAt.ToUnixTimeSeconds());
            json.WriteNumber("next_update", NextUpdate.ToUnixTimeSeconds());
            json.WriteStartArray("revoked");
            foreach (var entry in _revoked.Values.OrderBy(r => r.PurchaseId, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("sub", entry.PurchaseId);
                json.WriteString("terminated", entry.TerminatedOn.ToString(DateFormat, CultureInfo.InvariantCulture));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static RevocationList? TryParse(byte[] payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            // A license body is signed by the same keys: the type keeps one from being read as the other.
            if (root.GetProperty("typ").GetString() != "revocations")
            {
                return null;
            }

            var revoked = new List<RevokedLicense>();
            foreach (var entry in root.GetProperty("revoked").EnumerateArray())
            {
                revoked.Add(new RevokedLicense(
                    entry.GetProperty("sub").GetString()!,
                    DateOnly.ParseExact(entry.GetProperty("terminated").GetString()!, DateFormat, CultureInfo.InvariantCulture)));
            }

            return new RevocationList(
                root.GetProperty("iss").GetString()!,
                DateTimeOffset.FromUnixTimeSeconds(root.GetProperty("iat").GetInt64()),
                DateTimeOffset.FromUnixTimeSeconds(root.GetProperty("next_update").GetInt64()),
                revoked);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            return null;
        }
    }
}
