namespace Orleans.Licensing.Testing;

/// <summary>A <see cref="LicenseBook"/> between two driver runs (--save-book, --load-book): its prefix, how many licenses it created, the active ones.</summary>
internal sealed record SavedBook(string Prefix, int Created, IReadOnlyList<SavedLicense> Licenses);
