namespace Orleans.Licensing.IntegrationTests.Support;

/// <summary>One embedded frontend shared by the HTTP tests; each test uses its own PURCHASE_IDs.</summary>
[CollectionDefinition(Name)]
public sealed class FrontendCollection : ICollectionFixture<EmbeddedFrontend>
{
    public const string Name = "frontend";
}
