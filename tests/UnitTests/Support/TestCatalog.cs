using Orleans.Licensing.Catalog;

namespace Orleans.Licensing.UnitTests;

/// <summary>The catalog the unit tests run against: the Development pair plus one product per special case.</summary>
internal static class TestCatalog
{
    /// <summary>Model 3, edition Basic, upgradable to <see cref="Pro"/>.</summary>
    public const string Basic = "someproduct1";

    /// <summary>Model 3, edition Pro, upgradable to <see cref="Basic"/>.</summary>
    public const string Pro = "someproduct1-pro";

    /// <summary>Model 2 (no counters), upgradable to nothing.</summary>
    public const string Flat = "flatproduct";

    public const string DomainBound = "domainbound";

    public const string IpBound = "ipbound";

    public const string GuidBound = "guidbound";

    public static CatalogOptions CreateOptions() => new()
    {
        Products =
        {
            [Basic] = new ProductOptions
            {
                Edition = "Basic",
                ProtocolModel = 3,
                Counters = { "usedAccounts", "usedClusters" },
                UpgradableTo = { Pro },
                Features = { ["maxAccounts"] = "10", ["sso"] = "false", ["tier"] = "bronze" },
            },
            [Pro] = new ProductOptions
            {
                Edition = "Pro",
                ProtocolModel = 3,
                Counters = { "usedAccounts", "usedClusters" },
                UpgradableTo = { Basic },
                Features = { ["maxAccounts"] = "100", ["sso"] = "true", ["tier"] = "gold" },
            },
            [Flat] = new ProductOptions { Edition = "Standard", ProtocolModel = 2 },
            [DomainBound] = new ProductOptions
            {
                Edition = "Site", ActivationRequired = true, ActivationKind = ActivationKind.Domain,
            },
            [IpBound] = new ProductOptions
            {
                Edition = "Server", ActivationRequired = true, ActivationKind = ActivationKind.IpAddress,
            },
            [GuidBound] = new ProductOptions
            {
                Edition = "Machine", ActivationRequired = true, ActivationKind = ActivationKind.Guid,
            },
        },
    };

    public static ProductCatalog Create() => new(Microsoft.Extensions.Options.Options.Create(CreateOptions()));
}
