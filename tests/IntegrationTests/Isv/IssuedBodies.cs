using System.Net;
using IsvLicensing.Verifier;
using NSec.Cryptography;
using Orleans.Licensing.IntegrationTests.Support;

namespace Orleans.Licensing.IntegrationTests.Isv;

/// <summary>License bodies as the real endpoint issues them, and the ways an ISV application meets bad ones.</summary>
internal static class IssuedBodies
{
    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>A PURCHASE running from today for a month: valid now.</summary>
    public static Task<byte[]> Current(KaClient ka, string product = "someproduct1", string testMode = "N", string? activation = null) =>
        Purchase(ka, Today, Today.AddDays(30), product, testMode, activation);

    /// <summary>A PURCHASE whose expiry was <paramref name="days"/> days ago (KA may sell a period already over).</summary>
    public static Task<byte[]> ExpiredDaysAgo(KaClient ka, int days) => Purchase(ka, Today.AddDays(-days - 30), Today.AddDays(-days));

    /// <summary>The guide's dates: long expired.</summary>
    public static Task<byte[]> Of2016(KaClient ka) => Purchase(ka, new DateOnly(2016, 3, 12), new DateOnly(2016, 4, 22));

    public static async Task<byte[]> Purchase(KaClient ka, DateOnly start, DateOnly expiry, string product = "someproduct1", string testMode = "N", string? activation = null, string? purchaseId = null)
    {
        var form = KaForms.Purchase(purchaseId ?? Ids.Next("V"), start, expiry, product, testMode)
            + (activation is null ? "" : "&ACTIVATION_DATA=" + Uri.EscapeDataString(activation));
        var answer = await ka.Post(form);
        Assert.True(answer.Status == HttpStatusCode.OK, $"{answer.Status} {answer.Text}");
        return answer.Body;
    }

    /// <summary>The body with one payload character changed, as a user editing their license would.</summary>
    public static byte[] Tampered(byte[] body)
    {
        var copy = (byte[])body.Clone();
        var at = Array.IndexOf(copy, (byte)'.') + 10;
        copy[at] = copy[at] == (byte)'A' ? (byte)'B' : (byte)'A';
        return copy;
    }

    public static Task<string> Jwks(KaClient ka) => ka.Http.GetStringAsync(new Uri("/.well-known/jwks.json", UriKind.Relative));

    /// <summary>A JWKS of one fresh key: another service's, or ours under <paramref name="keyId"/> with the wrong key.</summary>
    public static string ForeignJwks(string keyId = "someone-else")
    {
        using var key = Key.Create(SignatureAlgorithm.Ed25519);
        return new LicenseKeySet([Ed25519PublicJwk.FromKey(keyId, key.PublicKey)]).ToJwks();
    }

    /// <summary>The body's header <c>kid</c>, read without verifying anything.</summary>
    public static string? HeaderKeyId(byte[] body) => LicenseTokenVerifier.Verify(body, new LicenseKeySet([])).KeyId;
}
