namespace Orleans.Licensing.UnitTests;

/// <summary>Reads an <see cref="Outcome{T}"/> in a test, failing with what it held instead.</summary>
internal static class OutcomeAssert
{
    /// <summary>The value the request goes on with.</summary>
    public static T Proceeds<T>(this Outcome<T> outcome)
        where T : class
    {
        var proceeds = outcome.TryGetValue(out var value, out var answer);
        Assert.True(proceeds, $"the request ended with {answer?.Status}: {answer?.Message}");
        return value!;
    }

    /// <summary>The answer that ends the request.</summary>
    public static LicenseReply Ends<T>(this Outcome<T> outcome)
        where T : class
    {
        var proceeds = outcome.TryGetValue(out var value, out var answer);
        Assert.False(proceeds, $"the request went on with {value}");
        return answer!;
    }
}
