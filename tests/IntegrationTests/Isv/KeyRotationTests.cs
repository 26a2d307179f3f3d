using System.Net;
using System.Text.Json;
using IsvLicensing.Verifier;
using Microsoft.Extensions.Time.Testing;
using Orleans.Licensing.IntegrationTests.Support;

namespace Orleans.Licensing.IntegrationTests.Isv;

/// <summary>
/// Signing-key rotation end to end through HTTP (B.7): keys rotate without invalidating bodies already issued,
/// new bodies are signed by the new key, and B.5's restore accepts an old body only while its key is published.
/// </summary>
public sealed class KeyRotationTests(KeyRotationScenario scenario) : IClassFixture<KeyRotationScenario>
{
    private static readonly VerificationPolicy Policy = new() { Products = ["someproduct1"] };

    [Fact]
    public async Task After_the_rotation_the_JWKS_publishes_the_retired_and_the_active_key()
    {
        using var jwks = JsonDocument.Parse(await IssuedBodies.Jwks(scenario.Rotated.NewClient()));

        var keys = jwks.RootElement.GetProperty("keys").EnumerateArray()
            .ToDictionary(k => k.GetProperty("kid").GetString()!, k => k.GetProperty("x").GetString());
        Assert.Equal(new[] { scenario.KeyA, KeyRotationScenario.KeyB }.Order(StringComparer.Ordinal), keys.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(scenario.PublicKeyA, keys[scenario.KeyA]);
    }

    [Fact]
    public async Task A_body_signed_before_the_rotation_still_verifies_with_the_published_keys()
    {
        var body = scenario.BodiesSignedByA[scenario.RenewedId];
        var verifier = LicenseVerifier.FromJwks(await IssuedBodies.Jwks(scenario.Rotated.NewClient()), Policy);

        var result = verifier.Verify(body);

        Assert.True(result.IsValid, result.Detail);
        Assert.Equal(scenario.KeyA, result.KeyId);
        Assert.Equal(scenario.RenewedId, result.Claims!.PurchaseId);
    }

    [Fact]
    public async Task The_verify_tool_accepts_an_old_body_against_the_rotated_services_JWKS_URL()
    {
        var jwksUrl = new Uri(scenario.Rotated.BaseAddress, "/.well-known/jwks.json").ToString();

        var result = await ExternalCommand.Run("dotnet", [RepositoryPaths.VerifyTool, "--jwks", jwksUrl, "-"], scenario.BodiesSignedByA[scenario.RenewedId]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"kid:        {scenario.KeyA}\n", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_renewal_after_the_rotation_is_signed_by_the_new_key_and_a_repeat_still_gets_the_old_bytes()
    {
        var ka = scenario.Rotated.NewClient();
        var old = scenario.BodiesSignedByA[scenario.RenewedId];

        var renew = await ka.Post(KaForms.Renew(scenario.RenewedId, scenario.Expiry, scenario.Expiry.AddDays(30), Convert.ToBase64String(old)));
        var repeatedPurchase = await ka.Post(KaForms.Purchase(scenario.RenewedId, scenario.Start, scenario.Expiry));

        Assert.True(renew.Status == HttpStatusCode.OK, $"{renew.Status} {renew.Text}");
        Assert.Equal(KeyRotationScenario.KeyB, IssuedBodies.HeaderKeyId(renew.Body));
        var result = LicenseVerifier.FromJwks(await IssuedBodies.Jwks(ka), Policy with { TimeProvider = new FakeTimeProvider(Noon(scenario.Expiry.AddDays(1))) }).Verify(renew.Body);
        Assert.True(result.IsValid, result.Detail);
        Assert.Equal(2, result.Claims!.Revision);
        // B.5: a repeat gets the byte-identical body however much later, even though its key no longer signs.
        Assert.Equal(HttpStatusCode.OK, repeatedPurchase.Status);
        Assert.Equal(old, repeatedPurchase.Body);
    }

    [Fact]
    public async Task A_license_lost_from_storage_is_restored_from_its_old_body_and_renewed_under_the_new_key()
    {
        var ka = scenario.Lost.NewClient();
        var old = scenario.BodiesSignedByA[scenario.LostId];

        var renew = await ka.Post(KaForms.Renew(scenario.LostId, scenario.Expiry, scenario.Expiry.AddDays(30), Convert.ToBase64String(old)));

        Assert.True(renew.Status == HttpStatusCode.OK, $"{renew.Status} {renew.Text}");
        Assert.Equal(KeyRotationScenario.KeyB, IssuedBodies.HeaderKeyId(renew.Body));
        var keys = LicenseKeySet.FromJwks(await IssuedBodies.Jwks(ka));
        var result = LicenseTokenVerifier.Verify(renew.Body, keys);
        Assert.True(result.IsValid, result.Failure.ToString());
        Assert.Equal(scenario.LostId, result.Claims!.PurchaseId);
        Assert.Equal(2, result.Claims.Revision);
    }

    [Fact]
    public async Task A_body_whose_key_is_no_longer_published_does_not_restore_a_lost_license()
    {
        var ka = scenario.Dropped.NewClient();
        var old = scenario.BodiesSignedByA[scenario.DroppedId];

        var renew = await ka.Post(KaForms.Renew(scenario.DroppedId, scenario.Expiry, scenario.Expiry.AddDays(30), Convert.ToBase64String(old)));

        Assert.Equal(HttpStatusCode.NotFound, renew.Status);
        Assert.Equal(VerificationFailure.UnknownKey, LicenseVerifier.FromJwks(await IssuedBodies.Jwks(ka)).Verify(old).Failure);
        // Applications that still hold the JWKS from before the rotation keep accepting it: the key was never compromised.
        Assert.True(LicenseVerifier.FromJwks(scenario.JwksBefore, Policy).Verify(old).IsValid);
    }

    private static DateTimeOffset Noon(DateOnly day) => new(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
}
