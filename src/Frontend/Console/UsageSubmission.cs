using System.Globalization;

namespace Orleans.Licensing.Frontend.Console;

/// <summary>The usage form's fields as the operator API's counters: blank fields are not reported.</summary>
internal static class UsageSubmission
{
    /// <summary>Null with <paramref name="error"/> in the API's words when a value is not a whole number.</summary>
    public static Dictionary<string, long>? Parse(IEnumerable<string> counterNames, IReadOnlyDictionary<string, string>? fields, out string? error)
    {
        error = null;
        var counters = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var name in counterNames)
        {
            var text = fields?.GetValueOrDefault(name)?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                continue;
            }

            if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                error = $"counter '{name}' is not an integer";
                return null;
            }

            counters[name] = value;
        }

        if (counters.Count == 0)
        {
            error = "the report names no counter: fill in at least one";
            return null;
        }

        return counters;
    }
}
