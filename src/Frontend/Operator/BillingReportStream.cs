using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Orleans.Licensing.Hosting;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Orleans.Licensing.Frontend.Operator;

/// <summary>
/// The billing report written as it is read: page after page from the reporting grain, each sent to the client
/// before the next is asked for, so no silo call, message or buffer grows with the number of licenses. The
/// request's abort token goes into every call, so a client that goes away stops the work.
/// </summary>
/// <remarks>
/// The first page is read before this result exists, so an outage is answered with a status like any other
/// request. A failure after the headers went out can only cut the response: the connection is aborted rather
/// than ended, so no client takes a cut report for a whole one (chunked encoding: the last chunk never comes).
/// JSON has the shape the report always had, with <c>licensesConsidered</c> after the lines, where it is known.
/// </remarks>
internal sealed partial class BillingReportStream(
    IReportingGrain reporting, DateOnly firstDay, DateOnly lastDay, DateTimeOffset generatedAt, bool csv, int pageLicenses, BillingPage firstPage) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var cancellation = httpContext.RequestAborted;
        var logger = httpContext.RequestServices.GetRequiredService<ILogger<BillingReportStream>>();
        httpContext.Response.ContentType = csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8";
        try
        {
            if (csv)
            {
                await WriteCsv(httpContext.Response, cancellation);
            }
            else
            {
                await WriteJson(httpContext.Response, httpContext.RequestServices.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions, cancellation);
            }

            LicensingTelemetry.BillingReports.Add(1, new KeyValuePair<string, object?>("outcome", "completed"));
        }
        catch (Exception) when (cancellation.IsCancellationRequested)
        {
            LicensingTelemetry.BillingReports.Add(1, new KeyValuePair<string, object?>("outcome", "cancelled"));
            LogCancelled(logger);
        }
        catch (Exception e)
        {
            LicensingTelemetry.BillingReports.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
            LogFailed(logger, e);
            httpContext.Abort();
        }
    }

    private async Task WriteCsv(HttpResponse response, CancellationToken cancellation)
    {
        var text = new StringBuilder(BillingCsv.Header);
        await foreach (var page in Pages(cancellation))
        {
            BillingCsv.Append(text, page.Lines);
            await response.WriteAsync(text.ToString(), cancellation);
            text.Clear();
        }
    }

    private async Task WriteJson(HttpResponse response, JsonSerializerOptions options, CancellationToken cancellation)
    {
        await using var json = new Utf8JsonWriter(response.BodyWriter, new JsonWriterOptions { Encoder = options.Encoder, Indented = options.WriteIndented });
        json.WriteStartObject();
        Write(json, options, nameof(BillingReport.From), firstDay);
        Write(json, options, nameof(BillingReport.To), lastDay);
        Write(json, options, nameof(BillingReport.GeneratedAt), generatedAt);
        json.WriteStartArray(Name(options, nameof(BillingReport.Lines)));
        var considered = 0;
        await foreach (var page in Pages(cancellation))
        {
            foreach (var line in page.Lines)
            {
                JsonSerializer.Serialize(json, line, options);
            }

            considered += page.LicensesConsidered;
            json.Flush();
            await response.BodyWriter.FlushAsync(cancellation);
        }

        json.WriteEndArray();
        Write(json, options, nameof(BillingReport.LicensesConsidered), considered);
        json.WriteEndObject();
        json.Flush();
        await response.BodyWriter.FlushAsync(cancellation);
    }

    private async IAsyncEnumerable<BillingPage> Pages([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation)
    {
        var page = firstPage;
        yield return page;
        while (page.Next is { } after)
        {
            page = await reporting.BillingPage(firstDay, lastDay, after, pageLicenses, cancellation);
            yield return page;
        }
    }

    private static void Write<T>(Utf8JsonWriter json, JsonSerializerOptions options, string name, T value)
    {
        json.WritePropertyName(Name(options, name));
        JsonSerializer.Serialize(json, value, options);
    }

    private static string Name(JsonSerializerOptions options, string name) => options.PropertyNamingPolicy?.ConvertName(name) ?? name;

    [LoggerMessage(Level = LogLevel.Information, Message = "Billing report cancelled: the client went away")]
    private static partial void LogCancelled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Billing report failed after its headers were sent; the connection was aborted")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
