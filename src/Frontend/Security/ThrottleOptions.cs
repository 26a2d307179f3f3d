namespace Orleans.Licensing.Frontend.Security;

/// <summary><c>Licensing:AuthThrottle</c>: spec B.2's limit on failed authentication.</summary>
internal sealed class ThrottleOptions
{
    public const string Section = "Licensing:AuthThrottle";

    public int MaxFailures { get; set; } = 10;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
