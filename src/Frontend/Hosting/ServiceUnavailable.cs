using System.Data.Common;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Networking.Shared;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace Orleans.Licensing.Frontend.Hosting;

/// <summary>B.11: how an outage of storage or silos looks to a client, the same on every endpoint.</summary>
internal static class ServiceUnavailable
{
    /// <summary>Long enough for a silo to restart or PostgreSQL to fail over, short enough that KA's next try is soon.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(60);

    /// <summary><see cref="RetryAfter"/> as the <c>Retry-After</c> header writes it.</summary>
    public static readonly string RetryAfterSeconds = ((int)RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Whether a grain call failed because storage or the silos could not serve it, as opposed to a bug: then
    /// nothing was promised and the client may safely try again.
    /// </summary>
    public static bool IsOutage(Exception failure) => failure switch
    {
        LicenseStorageException or DbException => true,
        // Rejections (SiloUnavailableException among them), an overloaded gateway, a client without a connection,
        // a gateway that refuses connections (its silo is gone).
        OrleansMessageRejectionException or GatewayTooBusyException or ClientNotAvailableException => true,
        ConnectionFailedException or SocketConnectionException => true,
        OrleansLifecycleCanceledException => true,
        TimeoutException => true,
        // The base type itself is what a client with no gateway left throws.
        OrleansException when failure.GetType() == typeof(OrleansException) => true,
        AggregateException many => many.InnerExceptions.Count > 0 && many.InnerExceptions.All(IsOutage),
        _ => failure.InnerException is { } inner && IsOutage(inner),
    };

    /// <summary>What was unavailable, for the one-line error.</summary>
    public static string What(Exception failure) =>
        failure is LicenseStorageException or DbException ? "storage is unavailable" : "the silos cannot be reached";

    /// <summary>503, <c>Retry-After</c> and <c>Error: …</c>.</summary>
    public static ContentHttpResult Answer(HttpResponse response, string message)
    {
        response.Headers.RetryAfter = RetryAfterSeconds;
        return ErrorResults.Text(StatusCodes.Status503ServiceUnavailable, message);
    }
}
