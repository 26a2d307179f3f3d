using System.Net;
using System.Text;
using IsvLicensing.Verifier;
using NSec.Cryptography;
using Orleans.Licensing.IntegrationTests.Support;
using Orleans.Licensing.Testing;

namespace Orleans.Licensing.IntegrationTests.Isv;

/// <summary>TERMINATE through the real endpoint, and the revocation documents it publishes.</summary>
internal static class Revocations
{
    public const string Path = Frontend.Revocations.RevocationEndpoint.Path;

    /// <summary>Terminates a license as KA does, today.</summary>
    public static async Task Terminate(KaClient ka, string purchaseId, string product = "someproduct1")
    {
        var answer = await ka.Post(KaForms.Terminate(purchaseId, IssuedBodies.Today, product: product));
        Assert.True(answer.Status == HttpStatusCode.OK, $"{answer.Status} {answer.Text}");
    }

    public static Task<byte[]> Fetch(KaClient ka) => ka.Http.GetByteArrayAsync(new Uri(Path, UriKind.Relative));

    /// <summary>The first document that lists <paramref name="purchaseId"/>; fails after well over the documented bound.</summary>
    public static async Task<byte[]> Listing(KaClient ka, string purchaseId)
    {
        var keys = LicenseKeySet.FromJwks(await IssuedBodies.Jwks(ka));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var document = await Fetch(ka);
            if (RevocationList.Verify(document, keys).Revoked.Any(r => r.PurchaseId == purchaseId))
            {
                return document;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{purchaseId} was terminated but the revocation document still does not list it");
            await Task.Delay(200);
        }
    }

    /// <summary>A document listing <paramref name="purchaseId"/>, signed by a fresh key published under <paramref name="keyId"/>: another service's, or an impostor's.</summary>
    public static byte[] SignedByAnotherKey(string keyId, string purchaseId, DateTimeOffset issuedAt)
    {
        using var key = Key.Create(SignatureAlgorithm.Ed25519);
        var payload = new RevocationList("orleans-licensing", issuedAt, issuedAt.AddMinutes(1), [new RevokedLicense(purchaseId, IssuedBodies.Today)]).ToJson();
        var signingInput = Encoding.ASCII.GetString(LicenseTokenVerifier.EncodeHeader(keyId)) + "." + System.Buffers.Text.Base64Url.EncodeToString(payload);
        var signature = SignatureAlgorithm.Ed25519.Sign(key, Encoding.ASCII.GetBytes(signingInput));
        return Encoding.ASCII.GetBytes(signingInput + "." + System.Buffers.Text.Base64Url.EncodeToString(signature));
    }
}
