using System.Globalization;
using System.Net;

namespace Orleans.Licensing.Frontend.Security;

/// <summary>
/// B.2: 401 without proper Basic credentials, 403 with wrong ones, 429 once one client keeps failing for one
/// user name. <paramref name="scope"/> keeps the failures against KA's credentials apart from the operator's.
/// </summary>
internal sealed class BasicAuthFilter(CredentialSet credentials, AuthFailureThrottle throttle, string realm, string scope) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var client = http.Connection.RemoteIpAddress ?? IPAddress.None;
        var wellFormed = BasicCredentials.TryParse(http.Request.Headers.Authorization, out var user, out var password);
        var check = wellFormed ? credentials.Check(user, password) : default;
        var key = ThrottleKey.For(scope, client, check.KnownUserName);
        if (throttle.IsBlocked(key, out var retryAfter))
        {
            http.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return ErrorResults.Text(StatusCodes.Status429TooManyRequests, "too many failed authentication attempts from this address for this user name; retry later");
        }

        if (!wellFormed)
        {
            throttle.RecordFailure(key);
            http.Response.Headers.WWWAuthenticate = $"Basic realm=\"{realm}\", charset=\"UTF-8\"";
            return ErrorResults.Text(StatusCodes.Status401Unauthorized, "HTTP Basic credentials are required (Authorization header missing or malformed)");
        }

        if (!check.Accepted)
        {
            throttle.RecordFailure(key);
            return ErrorResults.Text(StatusCodes.Status403Forbidden, "the credentials are not accepted");
        }

        return await next(context);
    }
}
