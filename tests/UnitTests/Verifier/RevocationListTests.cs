using IsvLicensing.Verifier;
using Microsoft.Extensions.Time.Testing;
using Orleans.Licensing.Signing;

namespace Orleans.Licensing.UnitTests;

/// <summary>B.13's document as <see cref="LicenseVerifier"/> applies it, on documents and bodies signed by a real key ring.</summary>
public sealed class RevocationListTests : IDisposable
{
    private static readonly DateTimeOffset Midway = new(2016, 4, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly SigningKeyRing _ring = TestKeys.Ring();

    public void Dispose() => _ring.Dispose();

    [Fact]
    public void A_listed_license_is_revoked_from_its_termination_date_midnight_UTC()
    {
        var claims = TestKeys.SampleClaims();
        var list = Read(List(claims.Issuer, new RevokedLicense(claims.PurchaseId, new DateOnly(2016, 4, 1))));

        var before = Verify(list, new DateTimeOffset(2016, 3, 31, 23, 59, 59, TimeSpan.Zero));
        var from = Verify(list, new DateTimeOffset(2016, 4, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.True(before.IsValid, before.Detail);
        Assert.Equal(VerificationFailure.Revoked, from.Failure);
        Assert.Equal($"license {claims.PurchaseId} was terminated on 2016-04-01 (revocation document of 2016-03-01T00:00:00Z)", from.Detail);
    }

    [Fact]
    public void Another_license_or_another_issuers_list_revokes_nothing()
    {
        var claims = TestKeys.SampleClaims();

        Assert.True(Verify(Read(List(claims.Issuer, new RevokedLicense("someone", new DateOnly(2016, 1, 1)))), Midway).IsValid);
        Assert.True(Verify(Read(List("another-service", new RevokedLicense(claims.PurchaseId, new DateOnly(2016, 1, 1)))), Midway).IsValid);
    }

    [Fact]
    public void The_result_reports_the_documents_age_and_whether_it_is_past_its_next_update()
    {
        var list = Read(List(TestKeys.SampleClaims().Issuer));

        var fresh = Verify(list, new DateTimeOffset(2016, 3, 1, 0, 0, 30, TimeSpan.Zero));
        var old = Verify(list, Midway);

        Assert.Equal(TimeSpan.FromSeconds(30), fresh.RevocationsAge);
        Assert.False(fresh.RevocationsStale);
        Assert.Equal(Midway - new DateTimeOffset(2016, 3, 1, 0, 0, 0, TimeSpan.Zero), old.RevocationsAge);
        Assert.True(old.RevocationsStale);
        Assert.Null(new LicenseVerifier(_ring.Published, new VerificationPolicy { TimeProvider = new FakeTimeProvider(Midway) }).Verify(Body()).RevocationsAge);
    }

    [Fact]
    public void The_payload_round_trips_and_a_license_body_is_not_a_revocation_document()
    {
        var written = new RevocationList("iss", DateTimeOffset.FromUnixTimeSeconds(100), DateTimeOffset.FromUnixTimeSeconds(160),
            [new RevokedLicense("B", new DateOnly(2026, 1, 2)), new RevokedLicense("A", new DateOnly(2026, 1, 1))]);

        var read = RevocationList.Verify(_ring.Sign(written.ToJson()), _ring.Published, "iss");

        Assert.Equal("iss", read.Issuer);
        Assert.Equal(written.IssuedAt, read.IssuedAt);
        Assert.Equal(written.NextUpdate, read.NextUpdate);
        Assert.Equal(["A", "B"], read.Revoked.Select(r => r.PurchaseId).Order(StringComparer.Ordinal));
        Assert.Contains("not a revocation list", Assert.Throws<FormatException>(() => RevocationList.Verify(Body(), _ring.Published)).Message, StringComparison.Ordinal);
        Assert.Equal(VerificationFailure.BadClaims, new LicenseVerifier(_ring.Published).Verify(_ring.Sign(written.ToJson())).Failure);
    }

    private static RevocationList List(string issuer, params RevokedLicense[] revoked) =>
        new(issuer, new DateTimeOffset(2016, 3, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2016, 3, 1, 0, 1, 0, TimeSpan.Zero), revoked);

    private RevocationList Read(RevocationList list) => RevocationList.Verify(_ring.Sign(list.ToJson()), _ring.Published);

    private VerificationResult Verify(RevocationList list, DateTimeOffset now) =>
        new LicenseVerifier(_ring.Published, new VerificationPolicy { Revocations = list, TimeProvider = new FakeTimeProvider(now) }).Verify(Body());

    private byte[] Body() => _ring.Sign(TestKeys.SampleClaims().ToJson());
}
