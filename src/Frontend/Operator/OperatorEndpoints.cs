using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;
using Orleans.Licensing.Frontend.Security;
using Orleans.Licensing.Hosting;

namespace Orleans.Licensing.Frontend.Operator;

/// <summary>The ISV's API (B.9): its own credentials; KA's are refused here.</summary>
internal static class OperatorEndpoints
{
    public static IEndpointRouteBuilder MapOperatorApi(this IEndpointRouteBuilder app)
    {
        var operatorApi = app.MapGroup("/operator").AddEndpointFilter(OperatorAuthentication(app));
        operatorApi.MapGet("/billing", Billing);
        var licenses = operatorApi.MapGroup("/licenses");
        licenses.MapGet("/", List);
        licenses.MapGet("/{purchaseId}", Describe);
        licenses.MapPut("/{purchaseId}/usage", ReportUsage);
        return app;
    }

    /// <summary>The Orleans Dashboard, behind the same operator credentials as the API.</summary>
    public static IEndpointRouteBuilder MapOperatorDashboard(this IEndpointRouteBuilder app)
    {
        app.MapOrleansDashboard(routePrefix: OperationsPaths.Dashboard).AddEndpointFilter(OperatorAuthentication(app));
        return app;
    }

    private static BasicAuthFilter OperatorAuthentication(IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<OperatorOptions>>().Value;
        return new BasicAuthFilter(new CredentialSet(options.Credentials), app.ServiceProvider.GetRequiredService<AuthFailureThrottle>(), options.Realm, "operator");
    }

    /// <summary>Licenses from their state rows, by PURCHASE_ID; <c>after</c> is the previous page's <c>next</c>.</summary>
    private static async Task<Results<Ok<LicensePage>, ContentHttpResult>> List(
        IGrainFactory grains, HttpContext http, string? product = null, string? status = null, string? after = null, string? limit = null)
    {
        // Parsed here rather than bound as an int, whose failure is a bare 400 that names nothing.
        var pageSize = 100;
        if (limit is not null && (!int.TryParse(limit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > 1000))
        {
            return ErrorResults.Text(StatusCodes.Status400BadRequest, $"limit '{limit}' is not a whole number between 1 and 1000");
        }

        if (status is not (null or "Active" or "Expired" or "Terminated"))
        {
            return ErrorResults.Text(StatusCodes.Status400BadRequest, $"status '{status}' is not Active, Expired or Terminated");
        }

        return TypedResults.Ok(await grains.GetGrain<IReportingGrain>(0).List(product, status, after, pageSize, http.RequestAborted));
    }

    /// <summary>
    /// Every real (non-test) license active between <c>from</c> and <c>to</c> (inclusive, yyyy-MM-dd), with its
    /// product and active days: JSON, or CSV with <c>format=csv</c>. Streamed a page of licenses at a time
    /// (<see cref="BillingReportStream"/>); everything that can be refused is checked before the first page is read.
    /// </summary>
    private static async Task<IResult> Billing(
        IGrainFactory grains, IOptions<OperatorOptions> options, TimeProvider time, HttpContext http, string? from, string? to, string? format)
    {
        if (InvalidDay(nameof(from), from, out var firstDay) is { } badFrom)
        {
            return badFrom;
        }

        if (InvalidDay(nameof(to), to, out var lastDay) is { } badTo)
        {
            return badTo;
        }

        if (lastDay < firstDay)
        {
            return ErrorResults.Text(StatusCodes.Status400BadRequest, $"to {to} is before from {from}");
        }

        if (format is not (null or "json" or "csv"))
        {
            return ErrorResults.Text(StatusCodes.Status400BadRequest, $"format '{format}' is not json or csv");
        }

        var generatedAt = time.GetUtcNow();
        var pageLicenses = options.Value.BillingPageLicenses;
        var reporting = grains.GetGrain<IReportingGrain>(0);
        var firstPage = await reporting.BillingPage(firstDay, lastDay, null, pageLicenses, http.RequestAborted);
        return new BillingReportStream(reporting, firstDay, lastDay, generatedAt, format == "csv", pageLicenses, firstPage);
    }

    /// <summary>Null when <paramref name="text"/> is a day within <see cref="LicenseDateBounds"/>; else the 400 naming the parameter.</summary>
    private static ContentHttpResult? InvalidDay(string name, string? text, out DateOnly day)
    {
        if (string.IsNullOrEmpty(text))
        {
            day = default;
            return ErrorResults.Text(StatusCodes.Status400BadRequest, $"{name} is required, as yyyy-MM-dd");
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out day))
        {
            return ErrorResults.Text(StatusCodes.Status400BadRequest, $"{name} '{text}' is not a date as yyyy-MM-dd");
        }

        return LicenseDateBounds.Contains(day)
            ? null
            : ErrorResults.Text(StatusCodes.Status400BadRequest, $"{name} {text} is outside the years {LicenseDateBounds.Years}");
    }

    private static ContentHttpResult? InvalidPurchaseId(string purchaseId) =>
        PurchaseIdRule.IsValid(purchaseId)
            ? null
            : ErrorResults.Text(StatusCodes.Status400BadRequest, $"'{purchaseId}' is not a PURCHASE_ID ({PurchaseIdRule.Description})");

    private static async Task<Results<Ok<LicenseView>, ContentHttpResult>> Describe(string purchaseId, IGrainFactory grains)
    {
        if (InvalidPurchaseId(purchaseId) is { } invalid)
        {
            return invalid;
        }

        return await grains.GetLicense(purchaseId).Describe() is { } view
            ? TypedResults.Ok(view)
            : ErrorResults.Text(StatusCodes.Status404NotFound, $"license {purchaseId} is not known here");
    }

    /// <summary>Sets the named counters to the reported values; counters not named keep theirs.</summary>
    private static async Task<ContentHttpResult> ReportUsage(string purchaseId, HttpRequest request, IGrainFactory grains)
    {
        if (InvalidPurchaseId(purchaseId) is { } invalid)
        {
            return invalid;
        }

        var counters = new Dictionary<string, long>(StringComparer.Ordinal);
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return ErrorResults.Text(StatusCodes.Status400BadRequest, "the body must be a JSON object of counter names and values");
            }

            foreach (var counter in document.RootElement.EnumerateObject())
            {
                if (counter.Value.ValueKind != JsonValueKind.Number || !counter.Value.TryGetInt64(out var value))
                {
                    return ErrorResults.Text(StatusCodes.Status400BadRequest, $"counter '{counter.Name}' is not an integer");
                }

                if (!counters.TryAdd(counter.Name, value))
                {
                    return ErrorResults.Text(StatusCodes.Status400BadRequest, $"counter '{counter.Name}' is given twice");
                }
            }
        }
        catch (JsonException e)
        {
            return ErrorResults.Text(StatusCodes.Status400BadRequest, $"the body is not JSON: {e.Message}");
        }

        var reply = await grains.GetLicense(purchaseId).ReportUsage(counters);
        return reply.Status == ReplyStatus.Usage ? ReplyResults.Usage(reply.Usage!) : ReplyResults.Refusal(reply);
    }
}
