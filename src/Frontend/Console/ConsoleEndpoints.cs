using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Orleans.Licensing.Frontend.Console.Components;
using Orleans.Licensing.Frontend.Hosting;
using Orleans.Licensing.Frontend.Operator;

namespace Orleans.Licensing.Frontend.Console;

/// <summary>
/// The console's pages (Razor components, rendered on the server only) and its few plain endpoints: the
/// stylesheet, the billing CSV, a body's download and the logout.
/// </summary>
internal static class ConsoleEndpoints
{
    public const string StylesheetPath = "/console/console.css";

    public static WebApplication MapOperatorConsole(this WebApplication app)
    {
        // Started now, so the overview counts KA requests from the first one on.
        app.Services.GetRequiredService<KaRequestMeter>();
        var overview = app.Services.GetRequiredService<OverviewCache>();
        app.Lifetime.ApplicationStarted.Register(overview.Warm);
        app.UseWhen(IsConsole, console => console.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                ConsoleHeaders.Apply(context.Response);
                return Task.CompletedTask;
            });
            return next(context);
        }).UseOutageAnswers(ConsoleOutagePage.Answer));
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapGet(StylesheetPath, Stylesheet).AllowAnonymous();
        var console = app.MapGroup(ConsoleAuthentication.PathBase).RequireAuthorization(ConsoleAuthentication.Required);
        console.MapGet("/billing.csv", BillingCsv);
        console.MapGet("/licenses/{purchaseId}/bodies/{revision:int}", Body);
        console.MapPost("/logout", Logout);
        app.MapRazorComponents<App>().RequireAuthorization(ConsoleAuthentication.Required);
        return app;
    }

    private static bool IsConsole(HttpContext context) => context.Request.Path.StartsWithSegments(ConsoleAuthentication.PathBase, StringComparison.Ordinal);

    private static FileStreamHttpResult Stylesheet(HttpContext context)
    {
        context.Response.Headers.CacheControl = "public, max-age=3600";
        var stream = typeof(ConsoleEndpoints).Assembly.GetManifestResourceStream("Orleans.Licensing.Frontend.Console.console.css")!;
        return TypedResults.Stream(stream, "text/css; charset=utf-8");
    }

    /// <summary>The operator API's CSV report (<see cref="BillingReportStream"/>), as a download.</summary>
    private static async Task<IResult> BillingCsv(IGrainFactory grains, IOptions<OperatorOptions> options, TimeProvider time, HttpContext http, string? from, string? to)
    {
        if (BillingPeriod.Check(from, to, out var firstDay, out var lastDay) is { } error)
        {
            return ErrorResults.Text(StatusCodes.Status400BadRequest, error);
        }

        var reporting = grains.GetGrain<IReportingGrain>(0);
        var pageLicenses = options.Value.BillingPageLicenses;
        var firstPage = await reporting.BillingPage(firstDay, lastDay, null, pageLicenses, http.RequestAborted);
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"billing-{firstDay:yyyy-MM-dd}-{lastDay:yyyy-MM-dd}.csv\"";
        return new BillingReportStream(reporting, firstDay, lastDay, time.GetUtcNow(), csv: true, pageLicenses, firstPage);
    }

    /// <summary>One issued body, byte for byte what KA received.</summary>
    private static async Task<IResult> Body(string purchaseId, int revision, IGrainFactory grains, HttpContext http)
    {
        if (!PurchaseIdRule.IsValid(purchaseId))
        {
            return ErrorResults.Text(StatusCodes.Status400BadRequest, $"'{purchaseId}' is not a PURCHASE_ID ({PurchaseIdRule.Description})");
        }

        var bodies = await grains.GetGrain<IReportingGrain>(0).Bodies(purchaseId, http.RequestAborted);
        return bodies.FirstOrDefault(b => b.Revision == revision) is { } body
            ? TypedResults.File(body.Body, "application/octet-stream", $"{purchaseId}-r{revision}.license")
            : ErrorResults.Text(StatusCodes.Status404NotFound, $"license {purchaseId} has no body of revision {revision}");
    }

    /// <summary>
    /// Checked here: the antiforgery middleware only records whether the token was valid, and nothing binds a form
    /// here to refuse it (another site's page must not be able to log the operator out).
    /// </summary>
    private static async Task<Results<RedirectHttpResult, ContentHttpResult>> Logout(HttpContext http, IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return ErrorResults.Text(StatusCodes.Status400BadRequest, "the form's antiforgery token is missing or not valid; log out from a console page");
        }

        await http.SignOutAsync(ConsoleAuthentication.Scheme);
        return TypedResults.Redirect(ConsoleAuthentication.LoginPath);
    }
}
