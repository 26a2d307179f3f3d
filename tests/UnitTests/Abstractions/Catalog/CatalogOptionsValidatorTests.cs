using Orleans.Licensing.Catalog;

namespace Orleans.Licensing.UnitTests;

public sealed class CatalogOptionsValidatorTests
{
    private readonly CatalogOptionsValidator _validator = new();

    [Fact]
    public void The_test_catalog_is_valid()
    {
        Assert.True(_validator.Validate(null, TestCatalog.CreateOptions()).Succeeded);
    }

    [Fact]
    public void An_empty_catalog_is_refused()
    {
        var result = _validator.Validate(null, new CatalogOptions());

        Assert.True(result.Failed);
        Assert.Contains("Licensing:Catalog:Products", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    public void A_protocol_model_other_than_2_or_3_is_refused(int model)
    {
        var result = Validate(new ProductOptions { Edition = "Basic", ProtocolModel = model, Counters = { "usedAccounts" } });

        Assert.True(result.Failed);
        Assert.Contains("Licensing:Catalog:Products:p1:ProtocolModel", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_3_product_without_counters_is_refused()
    {
        var result = Validate(new ProductOptions { Edition = "Basic", ProtocolModel = 3 });

        Assert.True(result.Failed);
        Assert.Contains("Licensing:Catalog:Products:p1:Counters", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("usedAccounts", "usedAccounts")]
    [InlineData("usedAccounts", " ")]
    public void Repeated_or_blank_counter_names_are_refused(string first, string second)
    {
        var result = Validate(new ProductOptions { Edition = "Basic", ProtocolModel = 3, Counters = { first, second } });

        Assert.True(result.Failed);
        Assert.Contains("Licensing:Catalog:Products:p1:Counters", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void UpgradableTo_naming_an_unknown_product_is_refused()
    {
        var result = Validate(new ProductOptions { Edition = "Basic", UpgradableTo = { "p1-gold" } });

        Assert.True(result.Failed);
        Assert.Contains("Licensing:Catalog:Products:p1:UpgradableTo", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("p1-gold", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_product_without_an_edition_is_refused(string edition)
    {
        var result = Validate(new ProductOptions { Edition = edition });

        Assert.True(result.Failed);
        Assert.Contains("Licensing:Catalog:Products:p1:Edition", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a-product-id-of-31-characters-x")]
    public void A_PRODUCT_ID_that_KA_could_not_send_is_refused(string id)
    {
        Assert.Equal(31, "a-product-id-of-31-characters-x".Length);
        var options = new CatalogOptions { Products = { [id] = new ProductOptions { Edition = "Basic" } } };

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains($"Licensing:Catalog:Products:{id}: a PRODUCT_ID has 1 to 30 characters", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var options = new CatalogOptions
        {
            Products =
            {
                ["a"] = new ProductOptions { Edition = "A", ProtocolModel = 4 },
                ["b"] = new ProductOptions { Edition = "B", ProtocolModel = 3, UpgradableTo = { "c" } },
            },
        };

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(3, result.Failures!.Count());
    }

    private ValidateOptionsResultView Validate(ProductOptions product) =>
        new(_validator.Validate(null, new CatalogOptions { Products = { ["p1"] = product } }));

    /// <summary>Keeps the assertions above short.</summary>
    private sealed class ValidateOptionsResultView(Microsoft.Extensions.Options.ValidateOptionsResult result)
    {
        public bool Failed => result.Failed;

        public string FailureMessage => result.FailureMessage ?? "";
    }
}
