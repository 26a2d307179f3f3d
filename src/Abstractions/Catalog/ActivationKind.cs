namespace Orleans.Licensing.Catalog;

/// <summary>What a product's ACTIVATION_DATA must look like.</summary>
public enum ActivationKind
{
    Any = 0,
    IpAddress = 1,
    Domain = 2,
    Guid = 3,
}
