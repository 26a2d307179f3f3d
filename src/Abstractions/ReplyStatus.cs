namespace Orleans.Licensing;

/// <summary>How a license grain answered one request; the frontend maps it to an HTTP status.</summary>
[GenerateSerializer, Alias("licensing.ReplyStatus")]
public enum ReplyStatus
{
    /// <summary>A new license body was issued and stored.</summary>
    Issued = 0,

    /// <summary>The request repeats one already applied; the stored answer is returned unchanged.</summary>
    Repeated = 1,

    /// <summary>The license is terminated (now or earlier), or was never known and nothing was stored.</summary>
    Terminated = 2,

    /// <summary>Usage counters were read or reported.</summary>
    Usage = 3,

    /// <summary>No such license.</summary>
    NotFound = 4,

    /// <summary>The request contradicts the license's state.</summary>
    Conflict = 5,

    /// <summary>The request is invalid for this license or product.</summary>
    Invalid = 6,
}
