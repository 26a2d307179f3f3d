namespace Orleans.Licensing.Frontend.Console;

/// <summary>An overview and when this frontend read it.</summary>
internal sealed record OverviewSnapshot(LicenseOverview Overview, DateTimeOffset ReadAt);
