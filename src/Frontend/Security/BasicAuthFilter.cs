using System.Globalization;
using System.Net;

namespace Orleans.Licensing.Frontend.Security;

/// <summary>B.2: 401 without proper Basic credentials, 403 with wrong ones, 429 once a client keeps failing.</summary>
internal sealed class BasicAuthFilter(CredentialSet credentials, AuthFailureThrottle throttle, string realm) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var client = http.Connection.RemoteIpAddress ?? IPAddress.None;
        if (throttle.IsBlocked(client, out var retryAfter))
        {
            http.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return ErrorResults.Text(StatusCodes.Status429TooManyRequests, "too many failed authentication attempts from this address; retry later");
        }

        if (!BasicCredentials.TryParse(http.Request.Headers.Authorization, out var user, out var password))
        {
            throttle.RecordFailure(client);
            http.Response.Headers.WWWAuthenticate = $"Basic realm=\"{realm}\", charset=\"UTF-8\"";
            return ErrorResults.Text(StatusCodes.Status401Unauthorized, "HTTP Basic credentials are required (Authorization header missing or malformed)");
        }

        if (!credentials.Accepts(user, password))
        {
            throttle.RecordFailure(client);
            return ErrorResults.Text(StatusCodes.Status403Forbidden, "the credentials are not accepted");
        }

        return await next(context);
    }
}
