using System.Buffers.Text;
using System.Text;
using IsvLicensing.Verifier;
using Microsoft.Extensions.Time.Testing;
using NSec.Cryptography;
using Orleans.Licensing.Signing;

namespace Orleans.Licensing.UnitTests;

/// <summary>Every check of <see cref="LicenseVerifier"/>, each passing and failing, on bodies signed by a real key ring.</summary>
public sealed class LicenseVerifierTests : IDisposable
{
    // The sample license runs from 2016-03-12 (midnight UTC) until its exp, 2016-04-22 15:02:10 UTC.
    private static readonly DateTimeOffset Start = new(2016, 3, 12, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Exp = new(2016, 4, 22, 15, 2, 10, TimeSpan.Zero);
    private static readonly DateTimeOffset Midway = new(2016, 4, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly SigningKeyRing _ring = TestKeys.Ring();

    public void Dispose() => _ring.Dispose();

    [Fact]
    public void A_good_body_under_the_default_policy_is_valid_with_its_claims_and_key()
    {
        var result = Verifier(At(Midway)).Verify(Body());

        Assert.True(result.IsValid, result.Detail);
        Assert.Equal(VerificationFailure.None, result.Failure);
        Assert.Equal(_ring.ActiveKeyId, result.KeyId);
        TestKeys.AssertSameClaims(TestKeys.SampleClaims(), result.Claims);
        Assert.Null(result.Detail);
        Assert.False(result.InGracePeriod);
    }

    [Fact]
    public void The_default_policy_checks_nothing_but_time_and_test_mode()
    {
        var policy = new VerificationPolicy();

        Assert.Same(TimeProvider.System, policy.TimeProvider);
        Assert.Equal(TimeSpan.Zero, policy.GracePeriod);
        Assert.Empty(policy.Products);
        Assert.Empty(policy.Editions);
        Assert.Empty(policy.RequiredFeatures);
        Assert.False(policy.AllowTestLicenses);
        Assert.Null(policy.Activation);
        Assert.Null(policy.Issuer);
    }

    [Fact]
    public void Surrounding_whitespace_such_as_a_files_final_line_break_is_ignored()
    {
        var verifier = Verifier(At(Midway));
        var text = Encoding.ASCII.GetString(Body());

        Assert.True(verifier.Verify("  " + text + "\r\n").IsValid);
        Assert.True(verifier.Verify(Encoding.ASCII.GetBytes(text + "\n")).IsValid);
    }

    [Fact]
    public void FromJwks_reads_the_published_keys()
    {
        var verifier = LicenseVerifier.FromJwks(_ring.Published.ToJwks(), At(Midway));

        Assert.True(verifier.Verify(Body()).IsValid);
        Assert.Equal(_ring.ActiveKeyId, Assert.Single(verifier.Keys.Keys).KeyId);
    }

    [Fact]
    public void Embedded_public_keys_verify_like_the_JWKS()
    {
        var x = Base64Url.EncodeToString(_ring.Published.Find(_ring.ActiveKeyId)!.Key.Export(KeyBlobFormat.RawPublicKey));
        var verifier = new LicenseVerifier(LicenseKeySet.FromPublicKeys((_ring.ActiveKeyId, x)), At(Midway));

        Assert.True(verifier.Verify(Body()).IsValid);
    }

    [Fact]
    public void A_null_key_set_is_refused()
    {
        Assert.Throws<ArgumentNullException>(() => new LicenseVerifier(null!));
    }

    [Fact]
    public void A_tampered_body_fails_its_signature_without_claims()
    {
        var body = Body();
        var payloadStart = Array.IndexOf(body, (byte)'.') + 1;
        body[payloadStart + 5] = body[payloadStart + 5] == (byte)'A' ? (byte)'B' : (byte)'A';

        var result = Verifier(At(Midway)).Verify(body);

        Assert.Equal(VerificationFailure.BadSignature, result.Failure);
        Assert.Null(result.Claims);
        Assert.Contains(_ring.ActiveKeyId, result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_body_signed_by_a_key_that_is_not_published_is_an_unknown_key()
    {
        using var other = TestKeys.Ring(id: "retired-long-ago");

        var result = Verifier(At(Midway)).Verify(other.Sign(TestKeys.SampleClaims().ToJson()));

        Assert.Equal(VerificationFailure.UnknownKey, result.Failure);
        Assert.Equal("retired-long-ago", result.KeyId);
        Assert.Contains("retired-long-ago", result.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a token")]
    [InlineData("a.b")]
    public void What_is_not_a_token_is_malformed_and_says_so(string body)
    {
        var result = Verifier(At(Midway)).Verify(body);

        Assert.Equal(VerificationFailure.Malformed, result.Failure);
        Assert.NotNull(result.Detail);
    }

    [Fact]
    public void A_well_signed_payload_that_is_not_claims_is_bad_claims()
    {
        var result = Verifier(At(Midway)).Verify(_ring.Sign("{}"u8.ToArray()));

        Assert.Equal(VerificationFailure.BadClaims, result.Failure);
        Assert.NotNull(result.Detail);
    }

    [Fact]
    public void A_license_is_valid_until_the_second_before_its_exp()
    {
        Assert.True(Verifier(At(Exp.AddSeconds(-1))).Verify(Body()).IsValid);
    }

    [Fact]
    public void A_license_has_expired_at_its_exp_and_still_carries_its_claims()
    {
        var result = Verifier(At(Exp)).Verify(Body());

        Assert.Equal(VerificationFailure.Expired, result.Failure);
        Assert.False(result.IsValid);
        Assert.Equal(Exp, result.Claims!.ExpiresAt);
        Assert.Contains("2016-04-22T15:02:10Z", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Within_the_grace_period_an_expired_license_is_valid_and_flagged()
    {
        var result = Verifier(At(Exp.AddDays(6)) with { GracePeriod = TimeSpan.FromDays(7) }).Verify(Body());

        Assert.True(result.IsValid, result.Detail);
        Assert.True(result.InGracePeriod);
    }

    [Fact]
    public void Before_its_exp_a_license_is_not_in_the_grace_period()
    {
        var result = Verifier(At(Midway) with { GracePeriod = TimeSpan.FromDays(7) }).Verify(Body());

        Assert.True(result.IsValid);
        Assert.False(result.InGracePeriod);
    }

    [Fact]
    public void When_the_grace_period_ends_the_license_has_expired()
    {
        var result = Verifier(At(Exp.AddDays(7)) with { GracePeriod = TimeSpan.FromDays(7) }).Verify(Body());

        Assert.Equal(VerificationFailure.Expired, result.Failure);
        Assert.Contains("grace ended 2016-04-29T15:02:10Z", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_license_expiring_at_the_end_of_time_stays_valid_under_any_grace_period()
    {
        // Bodies signed before KA dates were bounded (B.3) can run from 0001-01-01 to 9999-12-31.
        var endless = TestKeys.SampleClaims() with
        {
            StartDate = DateOnly.MinValue,
            ExpiryDate = DateOnly.MaxValue,
            ExpiresAt = DateTimeOffset.MaxValue,
        };

        var result = Verifier(At(Midway) with { GracePeriod = TimeSpan.FromDays(7) }).Verify(Body(endless));
        var longest = Verifier(At(Midway) with { GracePeriod = TimeSpan.MaxValue }).Verify(Body());

        Assert.True(result.IsValid, result.Detail);
        Assert.False(result.InGracePeriod);
        Assert.True(longest.IsValid, longest.Detail);
    }

    [Fact]
    public void A_license_that_expired_long_ago_is_expired_under_a_negative_grace_period()
    {
        var result = Verifier(At(Midway) with { GracePeriod = TimeSpan.MinValue }).Verify(Body(TestKeys.SampleClaims() with { StartDate = DateOnly.MinValue }));

        Assert.Equal(VerificationFailure.Expired, result.Failure);
    }

    [Fact]
    public void Before_its_start_date_a_license_is_not_yet_valid()
    {
        var result = Verifier(At(Start.AddSeconds(-1))).Verify(Body());

        Assert.Equal(VerificationFailure.NotYetValid, result.Failure);
        Assert.NotNull(result.Claims);
    }

    [Fact]
    public void From_midnight_UTC_of_its_start_date_a_license_is_valid()
    {
        Assert.True(Verifier(At(Start)).Verify(Body()).IsValid);
    }

    [Fact]
    public void The_grace_period_does_not_open_a_license_early()
    {
        var result = Verifier(At(Start.AddHours(-1)) with { GracePeriod = TimeSpan.FromDays(7) }).Verify(Body());

        Assert.Equal(VerificationFailure.NotYetValid, result.Failure);
    }

    [Fact]
    public void The_expected_issuer_is_accepted()
    {
        Assert.True(Verifier(At(Midway) with { Issuer = "orleans-licensing" }).Verify(Body()).IsValid);
    }

    [Fact]
    public void Another_issuer_is_wrong()
    {
        var result = Verifier(At(Midway) with { Issuer = "someone-else" }).Verify(Body());

        Assert.Equal(VerificationFailure.WrongIssuer, result.Failure);
        Assert.Contains("someone-else", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_product_among_the_accepted_ones_passes()
    {
        Assert.True(Verifier(At(Midway) with { Products = ["someproduct1-pro", "someproduct1"] }).Verify(Body()).IsValid);
    }

    [Fact]
    public void A_product_not_accepted_is_wrong_and_product_ids_are_exact()
    {
        var other = Verifier(At(Midway) with { Products = ["someproduct1-pro"] }).Verify(Body());
        var otherCase = Verifier(At(Midway) with { Products = ["SomeProduct1"] }).Verify(Body());

        Assert.Equal(VerificationFailure.WrongProduct, other.Failure);
        Assert.Contains("'someproduct1'", other.Detail, StringComparison.Ordinal);
        Assert.Equal(VerificationFailure.WrongProduct, otherCase.Failure);
    }

    [Fact]
    public void An_edition_among_the_accepted_ones_passes()
    {
        Assert.True(Verifier(At(Midway) with { Editions = ["Pro", "Basic"] }).Verify(Body()).IsValid);
    }

    [Fact]
    public void An_edition_not_accepted_is_wrong()
    {
        var result = Verifier(At(Midway) with { Editions = ["Pro"] }).Verify(Body());

        Assert.Equal(VerificationFailure.WrongEdition, result.Failure);
        Assert.Contains("'Basic'", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_test_license_is_refused_by_default()
    {
        var result = Verifier(At(Midway)).Verify(Body(TestKeys.SampleClaims() with { Test = true }));

        Assert.Equal(VerificationFailure.TestLicenseRefused, result.Failure);
        Assert.True(result.Claims!.Test);
    }

    [Fact]
    public void A_test_license_is_accepted_when_the_policy_allows_it()
    {
        Assert.True(Verifier(At(Midway) with { AllowTestLicenses = true }).Verify(Body(TestKeys.SampleClaims() with { Test = true })).IsValid);
    }

    [Theory]
    [InlineData("example.com", "example.com")]
    [InlineData("example.com", "EXAMPLE.com")]
    [InlineData("example.com", "example.com.")]
    [InlineData("2001:db8::1", "2001:DB8:0:0:0:0:0:1")]
    [InlineData("192.0.2.10", "192.0.2.10")]
    [InlineData("3f2504e0-4f89-11d3-9a0c-0305e82c3301", "3F2504E0-4F89-11D3-9A0C-0305E82C3301")]
    [InlineData("Serial-Ab_1", "Serial-Ab_1")]
    public void A_license_bound_to_where_the_application_runs_passes(string bound, string expected)
    {
        var result = Verifier(At(Midway) with { Activation = expected }).Verify(Body(TestKeys.SampleClaims() with { Activation = bound }));

        Assert.True(result.IsValid, result.Detail);
    }

    [Theory]
    [InlineData("example.com", "example.org")]
    [InlineData("example.com", "shop.example.com")]
    [InlineData("192.0.2.10", "192.0.2.11")]
    [InlineData("2001:db8::1", "2001:db8::2")]
    [InlineData("3f2504e0-4f89-11d3-9a0c-0305e82c3301", "3f2504e0-4f89-11d3-9a0c-0305e82c3302")]
    [InlineData("Serial-Ab_1", "serial-ab_1")]
    [InlineData("0.0.0.10", "10")]
    public void A_license_bound_elsewhere_is_an_activation_mismatch(string bound, string expected)
    {
        var result = Verifier(At(Midway) with { Activation = expected }).Verify(Body(TestKeys.SampleClaims() with { Activation = bound }));

        Assert.Equal(VerificationFailure.ActivationMismatch, result.Failure);
        Assert.Contains(bound, result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unbound_license_fails_a_policy_that_expects_a_binding()
    {
        var result = Verifier(At(Midway) with { Activation = "example.com" }).Verify(Body(TestKeys.SampleClaims() with { Activation = null }));

        Assert.Equal(VerificationFailure.ActivationMismatch, result.Failure);
        Assert.Contains("bound to nothing", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_an_expected_binding_any_binding_passes()
    {
        Assert.True(Verifier(At(Midway)).Verify(Body(TestKeys.SampleClaims() with { Activation = "anything.example" })).IsValid);
    }

    [Fact]
    public void Required_features_that_the_license_has_pass()
    {
        // maxAccounts=10 and tier=bronze: a limit and a string both count as having the feature.
        Assert.True(Verifier(At(Midway) with { RequiredFeatures = ["maxAccounts", "tier"] }).Verify(Body()).IsValid);
    }

    [Fact]
    public void A_required_feature_the_license_does_not_name_is_missing()
    {
        var result = Verifier(At(Midway) with { RequiredFeatures = ["maxAccounts", "prioritySupport"] }).Verify(Body());

        Assert.Equal(VerificationFailure.MissingFeature, result.Failure);
        Assert.Contains("'prioritySupport'", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_required_feature_the_license_turns_off_is_missing()
    {
        var result = Verifier(At(Midway) with { RequiredFeatures = ["sso"] }).Verify(Body());

        Assert.Equal(VerificationFailure.MissingFeature, result.Failure);
        Assert.Contains("off", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_product_is_reported_before_expiry_and_test_mode()
    {
        var result = Verifier(At(Exp.AddYears(1)) with { Products = ["other"] }).Verify(Body(TestKeys.SampleClaims() with { Test = true }));

        Assert.Equal(VerificationFailure.WrongProduct, result.Failure);
    }

    [Fact]
    public void Every_check_passing_at_once_is_valid()
    {
        var policy = At(Exp.AddDays(1)) with
        {
            GracePeriod = TimeSpan.FromDays(3),
            Products = ["someproduct1"],
            Editions = ["Basic"],
            RequiredFeatures = ["maxAccounts"],
            AllowTestLicenses = true,
            Activation = "Example.COM",
            Issuer = "orleans-licensing",
        };

        var result = Verifier(policy).Verify(Body(TestKeys.SampleClaims() with { Test = true }));

        Assert.True(result.IsValid, result.Detail);
        Assert.True(result.InGracePeriod);
    }

    private static VerificationPolicy At(DateTimeOffset now) => new() { TimeProvider = new FakeTimeProvider(now) };

    private LicenseVerifier Verifier(VerificationPolicy policy) => new(_ring.Published, policy);

    private byte[] Body(LicenseClaims? claims = null) => _ring.Sign((claims ?? TestKeys.SampleClaims()).ToJson());
}
