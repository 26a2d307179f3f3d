namespace Orleans.Licensing.Testing;

/// <summary>One active license of a <see cref="SavedBook"/>: where its next request is planned from, and the last body it was issued.</summary>
internal sealed record SavedLicense(string Id, DateOnly FirstStart, string Product, int Period, string? LastForm, byte[]? LastBody);
