namespace Orleans.Licensing.Storage;

/// <summary>The database cannot be brought to, or is not at, the schema this build needs.</summary>
public sealed class SchemaException : Exception
{
    public SchemaException()
    {
    }

    public SchemaException(string message)
        : base(message)
    {
    }

    public SchemaException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
