namespace Orleans.Licensing;

/// <summary>
/// Spec B.3: the years a date may name, for every KA date field and the billing report's period. A real
/// subscription starts and ends within them; outside them lies only a typo or a probe, and dates at
/// <see cref="DateOnly.MinValue"/> or <see cref="DateOnly.MaxValue"/> would leave no room for the day
/// arithmetic that billing and expiry do.
/// </summary>
public static class LicenseDateBounds
{
    public const int FirstYear = 1970;

    public const int LastYear = 2199;

    public static DateOnly First { get; } = new(FirstYear, 1, 1);

    public static DateOnly Last { get; } = new(LastYear, 12, 31);

    /// <summary>How the bound reads in an error answer.</summary>
    public static string Years => $"{FirstYear} to {LastYear}";

    public static bool Contains(DateOnly date) => date >= First && date <= Last;
}
