namespace Orleans.Licensing.IntegrationTests.Support;

/// <summary>One TestCluster shared by the grain tests; each test uses its own PURCHASE_IDs.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
