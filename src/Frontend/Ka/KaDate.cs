using System.Globalization;

namespace Orleans.Licensing.Frontend.Ka;

/// <summary>KA's dates: day first, <c>DD/MM/YYYY</c>, with <c>/</c> or (in the guide's own examples) <c>\</c>.</summary>
internal static class KaDate
{
    public static bool TryParse(string? text, out DateOnly date)
    {
        date = default;
        if (text is null || text.Length != 10 || text[2] != text[5] || text[2] is not ('/' or '\\'))
        {
            return false;
        }

        return int.TryParse(text.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            && int.TryParse(text.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            && int.TryParse(text.AsSpan(6, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            && (date = new DateOnly(year, month, day)) == date;
    }

    public static string Format(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}
