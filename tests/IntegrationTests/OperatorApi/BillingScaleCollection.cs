namespace Orleans.Licensing.IntegrationTests.OperatorApi;

/// <summary>Runs alone: it loads the machine with a hundred thousand KA requests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BillingScaleCollection
{
    public const string Name = "billing-scale";
}
