using System.Data.Common;
using Microsoft.Extensions.Logging;

namespace Orleans.Licensing.Hosting;

/// <summary>
/// Every grain call that fails because of the database leaves the silo as our own
/// <see cref="LicenseStorageException"/>, carrying a message and nothing else. Orleans cannot serialize the
/// drivers' exceptions (Npgsql's), nor any exception that holds one as its inner exception, so without this a
/// client got a CodecNotFoundException instead of anything it could recognise as an outage.
/// </summary>
internal sealed partial class StorageFailureFilter(ILogger<StorageFailureFilter> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception e) when (Crossing(e) is { } crossing)
        {
            LogStorageFailure(logger, e, context.InterfaceName, context.MethodName);
            throw crossing;
        }
    }

    /// <summary>
    /// What must cross in place of <paramref name="failure"/>, or null when it may cross as it is: a storage
    /// failure anywhere in its chain becomes a <see cref="LicenseStorageException"/> without an inner exception.
    /// </summary>
    internal static LicenseStorageException? Crossing(Exception failure) => failure switch
    {
        LicenseStorageException { InnerException: null } => null,
        LicenseStorageException ours => new LicenseStorageException(ours.Message),
        _ when DatabaseCause(failure) is { } cause => new LicenseStorageException($"storage is unavailable ({cause.GetType().Name}: {cause.Message})"),
        _ => null,
    };

    private static DbException? DatabaseCause(Exception? failure) => failure switch
    {
        null => null,
        DbException database => database,
        AggregateException many => many.InnerExceptions.Select(DatabaseCause).FirstOrDefault(c => c is not null),
        _ => DatabaseCause(failure.InnerException),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Interface}.{Method} failed on storage; the caller gets a LicenseStorageException")]
    private static partial void LogStorageFailure(ILogger logger, Exception exception, string @interface, string method);
}
