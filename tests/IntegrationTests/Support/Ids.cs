using System.Globalization;

namespace Orleans.Licensing.IntegrationTests.Support;

/// <summary>Fresh PURCHASE_IDs, so tests sharing a host never touch each other's licenses.</summary>
internal static class Ids
{
    private static int _next = Random.Shared.Next(1_000_000, 9_000_000);

    public static string Next(string prefix = "T") =>
        prefix + Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);
}
