namespace Orleans.Licensing.UnitTests;

public sealed class LicenseGrainKeyTests
{
    [Theory]
    [InlineData("00123456")]
    [InlineData("20235")]
    [InlineData("a")]
    public void A_purchase_id_survives_the_way_to_its_grain_key_and_back(string purchaseId) =>
        Assert.Equal(purchaseId, LicenseGrainKey.PurchaseIdOf(LicenseGrainKey.For(purchaseId)));

    [Theory]
    [InlineData("00123456")]
    [InlineData("")]
    [InlineData("KA-1")]
    public void A_key_without_the_prefix_is_refused(string key) =>
        Assert.Throws<ArgumentException>(() => LicenseGrainKey.PurchaseIdOf(key));
}
