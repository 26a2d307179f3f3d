using System.Globalization;
using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Orleans.Licensing.Frontend.Operator;
using Orleans.Licensing.Frontend.Security;

namespace Orleans.Licensing.Frontend.Console;

/// <summary>
/// Checks a login against the operator credentials, under the same throttle as Basic attempts (B.2), in its own
/// scope; on success issues the console's cookie.
/// </summary>
internal sealed class ConsoleLogin(IOptions<OperatorOptions> options, AuthFailureThrottle throttle)
{
    /// <summary>Null when signed in; else the message to show, with the status the page answers.</summary>
    public async Task<(int Status, string Message)?> SignIn(HttpContext http, string userName, string password)
    {
        var client = http.Connection.RemoteIpAddress ?? IPAddress.None;
        var check = new CredentialSet(options.Value.Credentials).Check(userName, password);
        var key = ThrottleKey.For(ConsoleAuthentication.ThrottleScope, client, check.KnownUserName);
        if (throttle.IsBlocked(key, out var retryAfter))
        {
            var seconds = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            http.Response.Headers.RetryAfter = seconds;
            return (StatusCodes.Status429TooManyRequests, $"Too many failed logins from this address for this user name; try again in {seconds} s.");
        }

        if (!check.Accepted)
        {
            throttle.RecordFailure(key);
            return (StatusCodes.Status403Forbidden, "The user name or password is not accepted.");
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, userName)], ConsoleAuthentication.Scheme);
        await http.SignInAsync(ConsoleAuthentication.Scheme, new ClaimsPrincipal(identity));
        return null;
    }
}
