namespace Orleans.Licensing;

/// <summary>
/// Storage could not serve a call (a license's new state could not be made durable, or a read failed): nothing was
/// answered 200 and the caller should retry. It leaves a silo with a message only (StorageFailureFilter), since
/// Orleans cannot serialize the database drivers' exceptions as inner exceptions.
/// </summary>
[GenerateSerializer, Alias("licensing.LicenseStorageException")]
public sealed class LicenseStorageException : Exception
{
    public LicenseStorageException()
    {
    }

    public LicenseStorageException(string message)
        : base(message)
    {
    }

    public LicenseStorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
