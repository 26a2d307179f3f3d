namespace Orleans.Licensing.IntegrationTests.Cluster;

/// <summary>The fault test runs alone, after the others: it loads the machine and stops its own PostgreSQL.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultCollection
{
    public const string Name = "faults";
}
