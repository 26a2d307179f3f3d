using Orleans.Licensing.Frontend.Security;

namespace Orleans.Licensing.UnitTests;

public sealed class CredentialSetTests
{
    private static readonly CredentialSet Set = new(
    [
        new Credential { UserName = "john", Password = "qwe123" },
        new Credential { UserName = "ka-2025", Password = "s3cret:with:colons" },
        new Credential { UserName = "john", Password = "rotated" },
    ]);

    [Theory]
    [InlineData("john", "qwe123")]
    [InlineData("ka-2025", "s3cret:with:colons")]
    [InlineData("john", "rotated")]
    public void Every_configured_credential_is_accepted(string user, string password)
    {
        Assert.True(Set.Accepts(user, password));
    }

    [Theory]
    [InlineData("john", "qwe1234")]
    [InlineData("john", "qwe12")]
    [InlineData("john", "QWE123")]
    [InlineData("John", "qwe123")]
    [InlineData("jane", "qwe123")]
    [InlineData("ka-2025", "qwe123")]
    [InlineData("qwe123", "john")]
    [InlineData("john", "")]
    [InlineData("", "")]
    public void Wrong_user_or_password_is_refused(string user, string password)
    {
        Assert.False(Set.Accepts(user, password));
    }

    [Fact]
    public void An_empty_set_accepts_nothing()
    {
        Assert.False(new CredentialSet([]).Accepts("", ""));
        Assert.False(new CredentialSet([]).Accepts("john", "qwe123"));
    }
}
