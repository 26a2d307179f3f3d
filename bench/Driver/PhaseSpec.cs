using System.Globalization;

namespace Orleans.Licensing.Bench;

/// <summary>
/// One measured phase: <c>closed:MIX</c> (all workers as fast as answers come) or <c>open:MIX:RATE</c>, where RATE is
/// requests per second or <c>N%</c> of the throughput an earlier closed phase of the same mix reached.
/// </summary>
internal sealed record PhaseSpec(string Name, bool Open, Mix Mix, double? Rate, double? Fraction)
{
    public static PhaseSpec Parse(string text)
    {
        var parts = text.Split(':');
        var mode = parts[0];
        if (mode == "closed" && parts.Length == 2)
        {
            return new PhaseSpec(text, false, Mix.Parse(parts[1]), null, null);
        }

        if (mode == "open" && parts.Length == 3)
        {
            var rate = parts[2];
            return rate.EndsWith('%')
                ? new PhaseSpec(text, true, Mix.Parse(parts[1]), null, double.Parse(rate[..^1], CultureInfo.InvariantCulture) / 100)
                : new PhaseSpec(text, true, Mix.Parse(parts[1]), double.Parse(rate, CultureInfo.InvariantCulture), null);
        }

        throw new FormatException($"'{text}' is not closed:MIX or open:MIX:RATE (RATE per second, or N% of closed:MIX)");
    }
}
