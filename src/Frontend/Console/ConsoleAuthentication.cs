using Microsoft.AspNetCore.Authorization;

namespace Orleans.Licensing.Frontend.Console;

/// <summary>The console's login: a cookie scheme of its own, so no other endpoint ever accepts the cookie.</summary>
internal static class ConsoleAuthentication
{
    public const string Scheme = "console";

    public const string PathBase = "/console";

    public const string LoginPath = "/console/login";

    public const string LogoutPath = "/console/logout";

    public const string Cookie = "licensing-console";

    public const string AntiforgeryCookie = "licensing-console-antiforgery";

    /// <summary>The throttle's scope: console logins fail apart from the API's Basic attempts.</summary>
    public const string ThrottleScope = "console";

    /// <summary>A working day; each request within it extends it (sliding).</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(8);

    public static readonly AuthorizeAttribute Required = new() { AuthenticationSchemes = Scheme };

    /// <summary>Where to go after the login: a path of the console, never another site (an open redirect).</summary>
    public static string SafeReturnPath(string? returnUrl) =>
        returnUrl is { Length: > 0 } path
            && path.StartsWith(PathBase, StringComparison.Ordinal)
            && (path.Length == PathBase.Length || path[PathBase.Length] is '/' or '?')
            && !path.Contains('\\', StringComparison.Ordinal)
            && !path.Contains("//", StringComparison.Ordinal)
            ? path
            : PathBase;
}
