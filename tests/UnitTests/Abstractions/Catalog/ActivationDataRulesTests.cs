using Orleans.Licensing.Catalog;

namespace Orleans.Licensing.UnitTests;

public sealed class ActivationDataRulesTests
{
    [Theory]
    [InlineData(ActivationKind.Any)]
    [InlineData(ActivationKind.Domain)]
    [InlineData(ActivationKind.IpAddress)]
    [InlineData(ActivationKind.Guid)]
    public void Absent_data_is_fine_unless_required(ActivationKind kind)
    {
        Assert.Null(ActivationDataRules.Check(Product.From("p", new ProductOptions { ActivationKind = kind }), null));
        Assert.Null(ActivationDataRules.Check(Product.From("p", new ProductOptions { ActivationKind = kind }), ""));

        var error = ActivationDataRules.Check(Product.From("p", new ProductOptions { ActivationKind = kind, ActivationRequired = true }), null);
        Assert.NotNull(error);
        Assert.Contains("ACTIVATION_DATA", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ActivationKind.Any, "hw-id: 42 / anything goes")]
    [InlineData(ActivationKind.Domain, "example.com")]
    [InlineData(ActivationKind.Domain, "a.b.example.co.uk")]
    [InlineData(ActivationKind.Domain, "xn--bcher-kva.example")]
    [InlineData(ActivationKind.IpAddress, "192.0.2.1")]
    [InlineData(ActivationKind.IpAddress, "2001:db8::8a2e:370:7334")]
    [InlineData(ActivationKind.Guid, "3f2504e0-4f89-11d3-9a0c-0305e82c3301")]
    [InlineData(ActivationKind.Guid, "3F2504E0-4F89-11D3-9A0C-0305E82C3301")]
    public void Well_formed_data_of_the_products_kind_passes(ActivationKind kind, string value)
    {
        Assert.Null(ActivationDataRules.Check(Product.From("p", new ProductOptions { ActivationKind = kind, ActivationRequired = true }), value));
    }

    [Theory]
    [InlineData(ActivationKind.Domain, "example", "domain name")]
    [InlineData(ActivationKind.Domain, "exa mple.com", "domain name")]
    [InlineData(ActivationKind.Domain, "-example.com", "domain name")]
    [InlineData(ActivationKind.Domain, "example.c", "domain name")]
    [InlineData(ActivationKind.Domain, "192.0.2.1", "domain name")]
    [InlineData(ActivationKind.IpAddress, "256.0.0.1", "IP address")]
    [InlineData(ActivationKind.IpAddress, "192.0.2.1 ", "IP address")]
    [InlineData(ActivationKind.IpAddress, "example.com", "IP address")]
    [InlineData(ActivationKind.Guid, "3f2504e0-4f89-11d3-9a0c", "GUID")]
    [InlineData(ActivationKind.Guid, "(3f2504e0-4f89-11d3-9a0c-0305e82c3301)", "GUID")]
    public void Malformed_data_is_refused_naming_the_field_and_kind(ActivationKind kind, string value, string described)
    {
        var error = ActivationDataRules.Check(Product.From("p", new ProductOptions { ActivationKind = kind }), value);

        Assert.NotNull(error);
        Assert.Contains("ACTIVATION_DATA", error, StringComparison.Ordinal);
        Assert.Contains(described, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_domain_longer_than_253_characters_is_refused()
    {
        var label = new string('a', 60);
        var domain = string.Join('.', Enumerable.Repeat(label, 5)) + ".com";
        Assert.True(domain.Length > 253);

        Assert.NotNull(ActivationDataRules.Check(Product.From("p", new ProductOptions { ActivationKind = ActivationKind.Domain }), domain));
    }

    // The three tests below expose bugs in ActivationDataRules (see the report): lenient .NET parsers and
    // the regex '$' let malformed values through, which then end up signed into the license body.

    [Theory]
    [InlineData("example.com\n")]
    public void A_domain_with_a_trailing_line_break_is_refused(string value)
    {
        Assert.NotNull(ActivationDataRules.Check(Product.From("p", new ProductOptions { ActivationKind = ActivationKind.Domain }), value));
    }

    [Theory]
    [InlineData(" 3f2504e0-4f89-11d3-9a0c-0305e82c3301")]
    [InlineData("3f2504e0-4f89-11d3-9a0c-0305e82c3301\n")]
    public void A_GUID_with_surrounding_whitespace_is_refused(string value)
    {
        Assert.NotNull(ActivationDataRules.Check(Product.From("p", new ProductOptions { ActivationKind = ActivationKind.Guid }), value));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("10.1")]
    [InlineData("3232235777")]
    [InlineData("0x7f.0.0.1")]
    public void A_shorthand_or_hex_IPv4_is_refused(string value)
    {
        Assert.NotNull(ActivationDataRules.Check(Product.From("p", new ProductOptions { ActivationKind = ActivationKind.IpAddress }), value));
    }
}
