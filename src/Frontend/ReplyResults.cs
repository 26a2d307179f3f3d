using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Orleans.Licensing.Frontend;

/// <summary>
/// The one translation of a license grain's <see cref="LicenseReply"/> into HTTP that the KA endpoint and the
/// operator API share: the usage document (A.5) and the refusals (404, 409, 400).
/// </summary>
internal static class ReplyResults
{
    /// <summary>A.5: <c>{"version":"isv-reportable-1","usage":{…}}</c> with every counter of the product.</summary>
    public static ContentHttpResult Usage(IEnumerable<UsageCounter> counters)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("version", "isv-reportable-1");
            json.WriteStartObject("usage");
            foreach (var counter in counters)
            {
                json.WriteNumber(counter.Name, counter.Value);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return TypedResults.Text(System.Text.Encoding.UTF8.GetString(buffer.ToArray()), "application/json; charset=utf-8");
    }

    /// <summary>A reply that refuses the request: its status and the grain's one-line reason.</summary>
    public static ContentHttpResult Refusal(LicenseReply reply) => ErrorResults.Text(
        reply.Status switch
        {
            ReplyStatus.NotFound => StatusCodes.Status404NotFound,
            ReplyStatus.Conflict => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status400BadRequest,
        },
        reply.Message ?? reply.Status.ToString());
}
