namespace Orleans.Licensing.IntegrationTests.Migration;

/// <summary>A license row of Orleans' grain storage (OrleansStorage, GrainTypeString 'license'), the old layout.</summary>
internal sealed record LegacyGrainRow(string ServiceId, string GrainKey);
