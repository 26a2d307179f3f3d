namespace Orleans.Licensing;

/// <summary>One page of licenses, ordered by PURCHASE_ID; <see cref="Next"/> continues after the last one.</summary>
[GenerateSerializer, Immutable, Alias("licensing.LicensePage")]
public sealed record LicensePage(IReadOnlyList<LicenseSummary> Items, string? Next);
