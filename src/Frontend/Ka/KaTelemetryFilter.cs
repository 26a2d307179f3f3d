using System.Diagnostics;
using Orleans.Licensing.Hosting;

namespace Orleans.Licensing.Frontend.Ka;

/// <summary>
/// Counts and times every KA answer, authentication failures included (it runs before the credential check),
/// and opens the span that carries the PURCHASE_ID into the grain call.
/// </summary>
internal sealed class KaTelemetryFilter : IEndpointFilter
{
    public const string ActionItem = "licensing.ka.action";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = LicensingTelemetry.Source.StartActivity("KA request");
        var result = await next(context);
        var http = context.HttpContext;
        var action = http.Items.TryGetValue(ActionItem, out var value) && value is string known ? known : "unknown";
        // Typed unions (Results<…>) wrap the result that carries the status.
        var inner = result is INestedHttpResult nested ? nested.Result : result;
        var status = inner is IStatusCodeHttpResult { StatusCode: { } code } ? code : StatusCodes.Status200OK;
        activity?.SetTag("licensing.ka.action", action);
        activity?.SetTag("http.response.status_code", status);
        var tags = new TagList { { "action", action }, { "status", status } };
        LicensingTelemetry.KaRequests.Add(1, tags);
        LicensingTelemetry.KaRequestDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new TagList { { "action", action } });
        return result;
    }
}
