using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Licensing.Licenses;
using Orleans.Licensing.Storage;
using Orleans.Serialization;

namespace Orleans.Licensing.IntegrationTests.Migration;

/// <summary>
/// Holds a database against what the previous version answered and showed (the manifest), before and after the
/// legacy step: every value expected here comes from the manifest or the fixture, none from the code under test.
/// </summary>
internal static class MigratedRowsCheck
{
    /// <summary>
    /// Before migrating: the fixture holds exactly the manifest's licenses in the old layout, one grain-storage row
    /// each, keyed 'ka-&lt;PURCHASE_ID&gt;'. Returns their ServiceId and the schema scripts the old version applied.
    /// </summary>
    public static async Task<(string ServiceId, IReadOnlyList<string> Applied)> AssertOldLayout(LegacyManifest manifest, StoredRows rows)
    {
        var legacy = await rows.LegacyLicenses();
        Assert.Equal(
            manifest.Licenses.Select(l => "ka-" + l.PurchaseId).Order(StringComparer.Ordinal),
            legacy.Select(r => r.GrainKey).Order(StringComparer.Ordinal));
        var serviceId = Assert.Single(legacy.Select(r => r.ServiceId).Distinct());
        var applied = await rows.AppliedScripts();
        Assert.NotEmpty(applied);
        return (serviceId, applied);
    }

    /// <summary>migrate printed a line per script: those the old version applied as already applied, the rest, the legacy step among them, as applied.</summary>
    public static void AssertMigrateOutput(string output, IReadOnlyList<string> appliedBefore, IReadOnlyList<string> scripts, string legacyStep)
    {
        Assert.Contains(legacyStep, scripts);
        Assert.Contains($"schema {legacyStep}: applied", output, StringComparison.Ordinal);
        Assert.All(appliedBefore, s => Assert.Contains($"schema {s}: already applied", output, StringComparison.Ordinal));
        Assert.All(scripts.Except(appliedBefore, StringComparer.Ordinal), s => Assert.Contains($"schema {s}: applied", output, StringComparison.Ordinal));
    }

    /// <summary>
    /// After migrating: every license of the manifest is a Licenses row whose state and columns are the old
    /// license's; every issuance the old version showed is a LicenseIssuances row with its body byte for byte and
    /// its expiry; every audit entry is a LicenseAudit row, in order; no license is left in grain storage (whose
    /// table the migration drops).
    /// </summary>
    public static async Task AssertCarriedOver(LegacyManifest manifest, StoredRows rows, string serviceId, string legacyStep)
    {
        Assert.Empty(await rows.LegacyLicenses());
        Assert.Contains(legacyStep, await rows.AppliedScripts());
        var licenses = await rows.Licenses();
        var issuances = await rows.Issuances();
        var audit = await rows.Audit();
        Assert.Equal(manifest.Licenses.Select(l => l.PurchaseId).Order(StringComparer.Ordinal), licenses.Select(l => l.PurchaseId).Order(StringComparer.Ordinal));
        Assert.All(licenses, l => Assert.Equal(serviceId, l.ServiceId));
        Assert.All(issuances, i => Assert.Equal(serviceId, i.ServiceId));
        Assert.All(audit, a => Assert.Equal(serviceId, a.ServiceId));
        Assert.Equal(manifest.Licenses.Sum(l => l.Issuances.Count), issuances.Count);
        Assert.Equal(manifest.Licenses.Sum(l => l.Audit.Count), audit.Count);

        var codec = NewCodec();
        foreach (var license in manifest.Licenses)
        {
            var id = license.PurchaseId;
            var row = licenses.Single(l => l.PurchaseId == id);
            Assert.Equal(
                (id, license.ProductId, license.TestMode, Text(license.StartDate), Text(license.ExpiryDate), license.TerminationDate is { } t ? Text(t) : null, license.Revision),
                (row.PurchaseId, row.ProductId, row.TestMode, row.StartDate, row.ExpiryDate, row.TerminatedOn, row.Revision));

            // Each revision's body, found in the manifest by the SHA-256 the old view showed for it.
            var bodies = license.Issuances.Select(i => manifest.BodyBySha256(i.GetProperty("bodySha256").GetString()!)).ToList();
            var stored = issuances.Where(i => i.PurchaseId == id).OrderBy(i => i.Revision).ToList();
            Assert.Equal(license.Issuances.Count, stored.Count);
            for (var n = 0; n < stored.Count; n++)
            {
                var old = license.Issuances[n];
                var s = stored[n];
                Assert.Equal(
                    (id, old.GetProperty("revision").GetInt32(), old.GetProperty("cause").GetString(), old.GetProperty("productId").GetString(),
                        old.GetProperty("startDate").GetString(), old.GetProperty("expiryDate").GetString(), old.GetProperty("expiresAt").GetDateTimeOffset(),
                        old.GetProperty("issuedAt").GetDateTimeOffset(), old.GetProperty("keyId").GetString(), old.GetProperty("bodySha256").GetString()),
                    (s.PurchaseId, s.Revision, s.Cause, s.ProductId, s.StartDate, s.ExpiryDate, s.ExpiresAt, s.IssuedAt, s.KeyId, Sha256(s.Body)));
                Assert.Equal(bodies[n], s.Body);
                AssertColumnsAreTheSignedClaims(s);
            }

            var trail = audit.Where(a => a.PurchaseId == id).ToList();
            Assert.Equal(
                license.Audit.Select(a => (a.GetProperty("at").GetDateTimeOffset(), a.GetProperty("cause").GetString()!, a.GetProperty("detail").GetString()!)),
                trail.Select(a => (a.At, a.Cause, a.Detail)));
            // The license's next change writes audit rows at its version + 1: they must sort after every carried-over one.
            Assert.True(row.Version >= trail.Max(a => a.Version), $"license {id} is at version {row.Version}, below its audit rows' {trail.Max(a => a.Version)}");

            // The state the grain decides from: termination, usage, how many issuances there were, the latest bodies.
            var state = codec.Decode(row.State);
            Assert.Equal(license.TerminationDate, state.TerminatedOn);
            Assert.Equal(
                license.Usage.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => (c.Key, c.Value)),
                license.Usage.Keys.Order(StringComparer.Ordinal).Select(k => (k, state.Usage.GetValueOrDefault(k))));
            Assert.All(state.Usage.Keys, k => Assert.Contains(k, license.Usage.Keys));
            Assert.Equal(license.Issuances.Count, state.IssuanceCount);
            Assert.Equal(Math.Min(bodies.Count, LicenseState.RecentIssuances), state.Issuances.Length);
            Assert.Equal(bodies.TakeLast(state.Issuances.Length), state.Issuances.Select(i => i.Body));
        }

        // Every body the old version answered 200 is a row, once, byte for byte, with the expiry it answered.
        foreach (var request in manifest.Issued)
        {
            var row = Assert.Single(issuances, i => i.PurchaseId == request.PurchaseId && i.Body.AsSpan().SequenceEqual(request.BodyBytes));
            Assert.Equal((request.ToString(), request.Cause, request.Expiration), (request.ToString(), row.Cause, Http(row.ExpiresAt)));
        }

        // And the body the license was restored from, which no 200 of this database carried.
        var restored = Assert.Single(issuances, i => i.Body.AsSpan().SequenceEqual(manifest.LostBodyBytes));
        Assert.Equal(("20250007", "Restore"), (restored.PurchaseId, restored.Cause));
    }

    public static string Sha256(byte[] body) => Convert.ToHexStringLower(SHA256.HashData(body));

    /// <summary>X-APS-Expiration-Date's form (RFC 1123, GMT).</summary>
    public static string Http(DateTimeOffset instant) => instant.UtcDateTime.ToString("r", CultureInfo.InvariantCulture);

    /// <summary>What the row says the body was issued for is what the body itself says, signed.</summary>
    private static void AssertColumnsAreTheSignedClaims(IssuanceRow row)
    {
        var claims = SignedClaims.Read(row.Body);
        Assert.Equal(
            (row.ToString(), claims.KeyId, claims.PurchaseId, claims.Revision, claims.ProductId, claims.Test, claims.RegName, claims.Activation,
                claims.Subscribed, claims.Start, claims.Expiry, claims.ExpiresAt, claims.IssuedAt),
            (row.ToString(), row.KeyId, row.PurchaseId, row.Revision, row.ProductId, row.TestMode, row.RegName, row.ActivationData,
                row.SubscriptionDate, row.StartDate, row.ExpiryDate, row.ExpiresAt.ToUnixTimeSeconds(), row.IssuedAt.ToUnixTimeSeconds()));
    }

    private static LicenseStateCodec NewCodec()
    {
        var services = new ServiceCollection().AddSerializer(s => s.AddAssembly(typeof(LicenseState).Assembly)).BuildServiceProvider();
        return new LicenseStateCodec(services.GetRequiredService<Serializer>());
    }

    private static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
