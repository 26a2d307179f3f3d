namespace Orleans.Licensing.Verify;

/// <summary>The clock for <c>--at</c>: verifies as of a chosen moment ("was this license valid when the ticket was opened?").</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
