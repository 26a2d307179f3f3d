using System.Buffers;

namespace Orleans.Licensing.Frontend;

/// <summary>A.3/B.3: a PURCHASE_ID is 1 to 10 letters and digits, kept as a string (leading zeros matter).</summary>
internal static class PurchaseIdRule
{
    public const string Description = "1 to 10 letters and digits";

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    public static bool IsValid(string? value) =>
        value is { Length: >= 1 and <= 10 } && !value.AsSpan().ContainsAnyExcept(Allowed);
}
