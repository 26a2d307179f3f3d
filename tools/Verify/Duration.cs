using System.Globalization;

namespace Orleans.Licensing.Verify;

/// <summary>Durations as people type them: <c>7d</c>, <c>12h</c>, <c>30m</c>, <c>45s</c>, <c>0</c>, or a .NET TimeSpan (<c>1.12:00:00</c>).</summary>
internal static class Duration
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (text.Length >= 2 && char.IsAsciiLetter(text[^1])
            && int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            TimeSpan? unit = char.ToLowerInvariant(text[^1]) switch
            {
                'd' => TimeSpan.FromDays(1),
                'h' => TimeSpan.FromHours(1),
                'm' => TimeSpan.FromMinutes(1),
                's' => TimeSpan.FromSeconds(1),
                _ => null,
            };
            if (unit is null || count > TimeSpan.MaxValue.Ticks / unit.Value.Ticks)
            {
                return false;
            }

            duration = unit.Value * count;
            return true;
        }

        if (text == "0")
        {
            return true;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration) && duration >= TimeSpan.Zero;
    }
}
