namespace Orleans.Licensing.Frontend.Security;

/// <summary>One throttle key's recent failures, oldest first; at most MaxFailures are kept.</summary>
internal sealed class FailureWindow(ThrottleKey key)
{
    public ThrottleKey Key { get; } = key;

    public Queue<DateTimeOffset> Failures { get; } = new();

    public DateTimeOffset LastFailure { get; set; }
}
