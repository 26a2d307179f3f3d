namespace Orleans.Licensing.Frontend.Security;

/// <summary><c>Licensing:AuthThrottle</c>: spec B.2's limit on failed authentication.</summary>
internal sealed class ThrottleOptions
{
    public const string Section = "Licensing:AuthThrottle";

    public int MaxFailures { get; set; } = 10;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Most (client, user name) keys remembered; when full, the one whose last failure is oldest goes.</summary>
    public int Capacity { get; set; } = 100_000;

    /// <summary>How often keys whose window has passed are dropped.</summary>
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromSeconds(15);
}
