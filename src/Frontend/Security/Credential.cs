namespace Orleans.Licensing.Frontend.Security;

internal sealed class Credential
{
    public string UserName { get; set; } = "";

    public string Password { get; set; } = "";
}
