using System.Text;
using Orleans.Licensing.Frontend.Security;

namespace Orleans.Licensing.UnitTests;

public sealed class BasicCredentialsTests
{
    [Fact]
    public void Reads_the_guides_example_header()
    {
        Assert.True(BasicCredentials.TryParse("Basic am9objpxd2UxMjM=", out var user, out var password));
        Assert.Equal("john", user);
        Assert.Equal("qwe123", password);
    }

    [Theory]
    [InlineData("basic am9objpxd2UxMjM=")]
    [InlineData("BASIC am9objpxd2UxMjM=")]
    [InlineData("bAsIc am9objpxd2UxMjM=")]
    [InlineData("Basic   am9objpxd2UxMjM=  ")]
    public void The_scheme_is_case_insensitive_and_surrounding_blanks_are_ignored(string header)
    {
        Assert.True(BasicCredentials.TryParse(header, out var user, out var password));
        Assert.Equal("john", user);
        Assert.Equal("qwe123", password);
    }

    [Fact]
    public void Only_the_first_colon_separates_user_and_password()
    {
        Assert.True(BasicCredentials.TryParse(Header("john:qwe:123:"), out var user, out var password));
        Assert.Equal("john", user);
        Assert.Equal("qwe:123:", password);
    }

    [Fact]
    public void An_empty_password_is_well_formed()
    {
        Assert.True(BasicCredentials.TryParse(Header("john:"), out var user, out var password));
        Assert.Equal("john", user);
        Assert.Equal("", password);
    }

    [Fact]
    public void Credentials_are_UTF_8()
    {
        Assert.True(BasicCredentials.TryParse(Header("jöhn:пароль€"), out var user, out var password));
        Assert.Equal("jöhn", user);
        Assert.Equal("пароль€", password);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Basic")]
    [InlineData("Basic ")]
    [InlineData("Bearer am9objpxd2UxMjM=")]
    [InlineData("Digest am9objpxd2UxMjM=")]
    [InlineData("Basicam9objpxd2UxMjM=")]
    [InlineData(" Basic am9objpxd2UxMjM=")]
    [InlineData("Basic am9objpxd2UxMjM")]
    [InlineData("Basic am9o!npxd2UxMjM=")]
    [InlineData("Basic am9objpxd2UxMjM=am9v")]
    [InlineData("Basic am9obnF3ZTEyMw==")]
    public void A_header_that_is_not_well_formed_Basic_credentials_is_refused(string? header)
    {
        Assert.False(BasicCredentials.TryParse(header, out var user, out var password));
        Assert.Equal("", user);
        Assert.Equal("", password);
    }

    [Fact]
    public void Invalid_UTF_8_is_refused()
    {
        var header = "Basic " + Convert.ToBase64String([0x6A, 0x3A, 0xC3, 0x28]);

        Assert.False(BasicCredentials.TryParse(header, out _, out _));
    }

    private static string Header(string credentials) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials));
}
