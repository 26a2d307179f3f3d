using System.Globalization;

namespace Orleans.Licensing.Frontend.Console;

/// <summary>The billing page's period, refused with the operator API's words.</summary>
internal static class BillingPeriod
{
    /// <summary>Null when both days are valid and in order; else what is wrong.</summary>
    public static string? Check(string? from, string? to, out DateOnly firstDay, out DateOnly lastDay)
    {
        lastDay = default;
        return Day("from", from, out firstDay) ?? Day("to", to, out lastDay)
            ?? (lastDay < firstDay ? $"to {to} is before from {from}" : null);
    }

    private static string? Day(string name, string? text, out DateOnly day)
    {
        day = default;
        if (string.IsNullOrEmpty(text))
        {
            return $"{name} is required, as yyyy-MM-dd";
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            return $"{name} '{text}' is not a date as yyyy-MM-dd";
        }

        return LicenseDateBounds.Contains(day) ? null : $"{name} {text} is outside the years {LicenseDateBounds.Years}";
    }
}
