namespace Orleans.Licensing.Frontend.Console;

/// <summary>What the login form posts.</summary>
internal sealed class LoginForm
{
    public string? UserName { get; set; }

    public string? Password { get; set; }
}
