namespace Orleans.Licensing;

/// <summary>A license grain's answer to one KA or operator request.</summary>
[GenerateSerializer, Immutable, Alias("licensing.LicenseReply")]
public sealed record LicenseReply(
    ReplyStatus Status,
    string? Message = null,
    byte[]? Body = null,
    DateTimeOffset? ExpiresAt = null,
    IReadOnlyList<UsageCounter>? Usage = null)
{
    public static LicenseReply NotFound(string message) => new(ReplyStatus.NotFound, message);

    public static LicenseReply Conflict(string message) => new(ReplyStatus.Conflict, message);

    public static LicenseReply Invalid(string message) => new(ReplyStatus.Invalid, message);
}
