namespace Orleans.Licensing;

/// <summary>A license's new state could not be made durable; nothing was answered 200 and KA should retry.</summary>
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
