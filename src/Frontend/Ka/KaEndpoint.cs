using System.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Orleans.Licensing.Frontend.Hosting;
using Orleans.Licensing.Frontend.Security;
using Orleans.Licensing.Hosting;

namespace Orleans.Licensing.Frontend.Ka;

/// <summary>The ISV endpoint KA posts every action to: HTTP in, one grain call, HTTP out.</summary>
internal static partial class KaEndpoint
{
    public const string ExpirationHeader = "X-APS-Expiration-Date";

    public static IEndpointRouteBuilder MapKaEndpoint(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<KaOptions>>().Value;
        var filter = new BasicAuthFilter(
            new CredentialSet(options.Credentials),
            app.ServiceProvider.GetRequiredService<AuthFailureThrottle>(),
            options.Realm,
            "ka");

        var endpoint = app.MapPost(options.Path, Handle).AddEndpointFilter(new KaTelemetryFilter());
        if (options.AllowedNetworks.Count > 0)
        {
            endpoint.AddEndpointFilter(new SourceNetworkFilter(NetworkRules.Parse(options.AllowedNetworks), $"{KaOptions.Section}:AllowedNetworks"));
        }

        endpoint.AddEndpointFilter(filter).DisableAntiforgery();
        // Every other method gets B.1's 405; Order 1 lets the POST endpoint win for POST.
        app.Map(options.Path, (HttpContext context) =>
        {
            context.Response.Headers.Allow = "POST";
            return ErrorResults.Text(StatusCodes.Status405MethodNotAllowed, $"{context.Request.Method} is not allowed here; KA posts forms");
        }).WithOrder(1);
        return app;
    }

    private static async Task<Results<FileContentHttpResult, ContentHttpResult>> Handle(
        HttpContext context,
        IGrainFactory grains,
        IOptions<KaOptions> settings,
        TimeProvider time,
        ILogger<KaRequest> logger)
    {
        var options = settings.Value;
        var request = context.Request;
        if (!request.HasFormContentType)
        {
            return ErrorResults.Text(StatusCodes.Status415UnsupportedMediaType, "the body must be an application/x-www-form-urlencoded form");
        }

        var tooLarge = $"the body is larger than {options.MaxBodyBytes} bytes";
        if (request.ContentLength > options.MaxBodyBytes)
        {
            return ErrorResults.Text(StatusCodes.Status413PayloadTooLarge, tooLarge);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
        {
            sizeLimit.MaxRequestBodySize = options.MaxBodyBytes;
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(context.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ErrorResults.Text(StatusCodes.Status413PayloadTooLarge, tooLarge);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException
            // A multipart body that ends before its closing boundary.
            or IOException && !context.RequestAborted.IsCancellationRequested)
        {
            return ErrorResults.Text(StatusCodes.Status400BadRequest, $"the form cannot be read: {e.Message}");
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var parsed = KaRequestParser.Parse(
            form, new KaLimits(options.MaxActivationDataChars, options.MaxPreviousLicenseBodyChars), today);
        if (!parsed.TryGetValue(out var ka, out var invalid))
        {
            return ToHttp(invalid, context.Response);
        }

        context.Items[KaTelemetryFilter.ActionItem] = ka.Action.Name();
        Activity.Current?.SetTag(LicensingTelemetry.PurchaseIdTag, ka.PurchaseId);
        var license = grains.GetLicense(ka.PurchaseId);
        LicenseReply reply;
        try
        {
            reply = await Call(license, ka).WaitAsync(options.RequestTimeout, context.RequestAborted);
        }
        catch (Exception e) when (!context.RequestAborted.IsCancellationRequested)
        {
            // Storage down, silo gone or too slow: nothing was promised, so KA may safely retry (B.11).
            LogUnavailable(logger, e, ka.PurchaseId);
            return ServiceUnavailable.Answer(context.Response, $"license {ka.PurchaseId} cannot be served right now; retry later");
        }

        return ToHttp(reply, context.Response);
    }

    private static Task<LicenseReply> Call(ILicenseGrain license, KaRequest request) => request switch
    {
        KaIssueRequest r => license.Issue(r.Order),
        KaTerminateRequest r => license.Terminate(r.Order),
        KaGetInfoRequest r => license.GetInfo(r.ProductId),
        _ => throw new ArgumentOutOfRangeException(nameof(request)),
    };

    private static Results<FileContentHttpResult, ContentHttpResult> ToHttp(LicenseReply reply, HttpResponse response)
    {
        switch (reply.Status)
        {
            case ReplyStatus.Issued or ReplyStatus.Repeated:
                response.Headers[ExpirationHeader] = reply.ExpiresAt!.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
                return TypedResults.Bytes(reply.Body!, "application/octet-stream");
            case ReplyStatus.Terminated:
                return TypedResults.Text(reply.Message, ErrorResults.PlainText);
            case ReplyStatus.Usage:
                return ReplyResults.Usage(reply.Usage!);
            default:
                return ReplyResults.Refusal(reply);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "License {PurchaseId}: answered 503")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string purchaseId);
}
