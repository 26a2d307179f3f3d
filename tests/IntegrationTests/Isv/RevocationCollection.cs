namespace Orleans.Licensing.IntegrationTests.Isv;

/// <summary>The tests that need a TERMINATE to reach the revocation document quickly share one <see cref="RevocationFrontend"/>.</summary>
[CollectionDefinition(Name)]
public sealed class RevocationCollection : ICollectionFixture<RevocationFrontend>
{
    public const string Name = "revocations";
}
