using System.Net;

namespace Orleans.Licensing.Frontend.Security;

/// <summary>
/// B.2's optional allow-list: a source outside KA's networks gets 403 before any password is checked, so it
/// can neither guess nor count failures against anyone.
/// </summary>
internal sealed class SourceNetworkFilter(IReadOnlyList<IPNetwork> allowed, string setting) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var client = context.HttpContext.Connection.RemoteIpAddress ?? IPAddress.None;
        if (!NetworkRules.Contains(allowed, client))
        {
            return ErrorResults.Text(StatusCodes.Status403Forbidden, $"the client address is not in {setting}");
        }

        return await next(context);
    }
}
