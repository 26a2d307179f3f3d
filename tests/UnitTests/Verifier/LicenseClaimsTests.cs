using System.Text;
using System.Text.Json;
using CsCheck;
using IsvLicensing.Verifier;

namespace Orleans.Licensing.UnitTests;

public sealed class LicenseClaimsTests
{
    [Fact]
    public void ToJson_writes_the_registered_claims_and_ours()
    {
        var claims = TestKeys.SampleClaims();

        using var json = JsonDocument.Parse(claims.ToJson());
        var root = json.RootElement;

        Assert.Equal("orleans-licensing", root.GetProperty("iss").GetString());
        Assert.Equal("12345678", root.GetProperty("sub").GetString());
        Assert.Equal("12345678.1", root.GetProperty("jti").GetString());
        Assert.Equal(claims.IssuedAt.ToUnixTimeSeconds(), root.GetProperty("iat").GetInt64());
        Assert.Equal(new DateTimeOffset(2016, 3, 12, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), root.GetProperty("nbf").GetInt64());
        Assert.Equal(new DateTimeOffset(2016, 4, 22, 15, 2, 10, TimeSpan.Zero).ToUnixTimeSeconds(), root.GetProperty("exp").GetInt64());
        Assert.Equal(1, root.GetProperty("rev").GetInt32());
        Assert.Equal("someproduct1", root.GetProperty("product").GetString());
        Assert.Equal("Basic", root.GetProperty("edition").GetString());
        Assert.False(root.GetProperty("test").GetBoolean());
        Assert.Equal("54321", root.GetProperty("reg_name").GetString());
        Assert.Equal("example.com", root.GetProperty("activation").GetString());
        Assert.Equal("2016-03-12", root.GetProperty("subscribed").GetString());
        Assert.Equal("2016-03-12", root.GetProperty("start").GetString());
        Assert.Equal("2016-04-22", root.GetProperty("expiry").GetString());
    }

    [Fact]
    public void Features_that_read_as_integers_or_booleans_are_written_as_such()
    {
        using var json = JsonDocument.Parse(TestKeys.SampleClaims().ToJson());
        var features = json.RootElement.GetProperty("features");

        Assert.Equal(JsonValueKind.Number, features.GetProperty("maxAccounts").ValueKind);
        Assert.Equal(10, features.GetProperty("maxAccounts").GetInt64());
        Assert.Equal(JsonValueKind.False, features.GetProperty("sso").ValueKind);
        Assert.Equal("bronze", features.GetProperty("tier").GetString());
    }

    [Fact]
    public void Optional_claims_are_left_out_when_absent()
    {
        var claims = TestKeys.SampleClaims() with { RegName = null, Activation = null, SubscriptionDate = null };

        using var json = JsonDocument.Parse(claims.ToJson());

        Assert.False(json.RootElement.TryGetProperty("reg_name", out _));
        Assert.False(json.RootElement.TryGetProperty("activation", out _));
        Assert.False(json.RootElement.TryGetProperty("subscribed", out _));
        TestKeys.AssertSameClaims(claims, LicenseClaims.TryParse(claims.ToJson()));
    }

    [Fact]
    public void The_same_claims_always_give_the_same_bytes_whatever_the_feature_order()
    {
        var claims = TestKeys.SampleClaims();
        var reordered = claims with
        {
            Features = new Dictionary<string, string>(StringComparer.Ordinal) { ["tier"] = "bronze", ["sso"] = "false", ["maxAccounts"] = "10" },
        };

        Assert.Equal(claims.ToJson(), claims.ToJson());
        Assert.Equal(claims.ToJson(), reordered.ToJson());
    }

    [Fact]
    public void TryParse_reads_back_what_ToJson_wrote()
    {
        var claims = TestKeys.SampleClaims() with { Test = true, Revision = 7 };

        TestKeys.AssertSameClaims(claims, LicenseClaims.TryParse(claims.ToJson()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("{\"iss\":\"i\",\"sub\":\"1\",\"rev\":\"one\",\"product\":\"p\",\"edition\":\"e\",\"features\":{},\"test\":false,\"start\":\"2016-03-12\",\"expiry\":\"2016-04-22\",\"exp\":1,\"iat\":1}")]
    [InlineData("{\"iss\":\"i\",\"sub\":\"1\",\"rev\":1,\"product\":\"p\",\"edition\":\"e\",\"features\":[],\"test\":false,\"start\":\"2016-03-12\",\"expiry\":\"2016-04-22\",\"exp\":1,\"iat\":1}")]
    [InlineData("{\"iss\":\"i\",\"sub\":\"1\",\"rev\":1,\"product\":\"p\",\"edition\":\"e\",\"features\":{},\"test\":false,\"start\":\"12/03/2016\",\"expiry\":\"2016-04-22\",\"exp\":1,\"iat\":1}")]
    [InlineData("{\"iss\":\"i\",\"sub\":\"1\",\"rev\":1,\"product\":\"p\",\"edition\":\"e\",\"features\":{},\"test\":false,\"start\":\"2016-03-12\",\"expiry\":\"2016-04-22\",\"exp\":1e300,\"iat\":1}")]
    [InlineData("{\"iss\":\"i\",\"sub\":\"1\",\"rev\":1,\"product\":\"p\",\"edition\":\"e\",\"features\":{},\"test\":false,\"start\":\"2016-03-12\",\"expiry\":\"2016-04-22\",\"exp\":999999999999999,\"iat\":1}")]
    public void TryParse_gives_null_for_what_is_not_a_license_payload(string payload)
    {
        Assert.Null(LicenseClaims.TryParse(Encoding.UTF8.GetBytes(payload)));
    }

    [Fact]
    public void Property_TryParse_never_throws()
    {
        var jsonish = Gen.OneOfConst("{", "}", "[", "]", "\"", ":", ",", "\"features\"", "\"iss\"", "\"rev\"", "\"exp\"", "1", "-1", "1e400", "null", "true", "\"2016-03-12\"", "\\u0000", "\uFFFF")
            .Array[0, 40].Select(parts => Encoding.UTF8.GetBytes(string.Concat(parts)));
        var valid = TestKeys.SampleClaims().ToJson();
        var mutated = Gen.Select(Gen.Int[0, valid.Length - 1], Gen.Byte, (i, b) =>
        {
            var copy = (byte[])valid.Clone();
            copy[i] = b;
            return copy;
        });

        Gen.Frequency((1, Gen.Byte.Array[0, 64]), (1, jsonish), (2, mutated)).Sample(
            payload =>
            {
                var exception = Record.Exception(() => LicenseClaims.TryParse(payload));
                Assert.Null(exception);
            },
            iter: 3_000);
    }
}
