using System.Globalization;

namespace Orleans.Licensing.Testing;

/// <summary>
/// KA request bodies, written as KA writes them (backslash dates, as in the guide's examples), for the tests and the
/// benchmark driver alike.
/// </summary>
public static class KaForms
{
    /// <summary>The Development catalog's two products, each upgradable to the other (B.8).</summary>
    public const string Basic = "someproduct1";

    public const string Pro = "someproduct1-pro";

    public static string Other(string product) => product == Basic ? Pro : Basic;

    public static string Date(DateOnly date) => string.Create(CultureInfo.InvariantCulture, $"{date:dd}%5c{date:MM}%5c{date:yyyy}");

    public static string Issue(string action, string purchaseId, string product, DateOnly start, DateOnly expiry, string? previousBody = null, string testMode = "N", int model = 2) =>
        $"APS_PROTOCOL_MODEL={model}&APS_ACTION={action}&APS_TEST_MODE={testMode}&PURCHASE_ID={purchaseId}&PRODUCT_ID={product}"
        + $"&PURCHASE_DATE={Date(start)}&SUBSCRIPTION_DATE={Date(start)}&START_DATE={Date(start)}&EXPIRY_DATE={Date(expiry)}&REG_NAME=54321"
        + (previousBody is null ? "" : $"&PREVIOUS_LICENSE_BODY={Uri.EscapeDataString(previousBody)}");

    public static string Purchase(string purchaseId, DateOnly start, DateOnly expiry, string product = Basic, string testMode = "N") =>
        Issue("PURCHASE", purchaseId, product, start, expiry, testMode: testMode);

    public static string Renew(string purchaseId, DateOnly start, DateOnly expiry, string? previousBody = null, string product = Basic) =>
        Issue("RENEW", purchaseId, product, start, expiry, previousBody);

    public static string Upgrade(string purchaseId, string product, DateOnly start, DateOnly expiry, string? previousBody = null) =>
        Issue("UPGRADE", purchaseId, product, start, expiry, previousBody);

    public static string GetInfo(string purchaseId, string product = Basic) =>
        $"APS_PROTOCOL_MODEL=3&APS_ACTION=GET-INFO&APS_TEST_MODE=N&PURCHASE_ID={purchaseId}&PRODUCT_ID={product}&REG_NAME=54321";

    public static string Terminate(string purchaseId, DateOnly on, string? previousBody = null, string product = Basic) =>
        $"APS_ACTION=TERMINATE&APS_TEST_MODE=N&PURCHASE_ID={purchaseId}&PRODUCT_ID={product}&APS_TERMINATION_DATE={on.ToString("dd'%2f'MM'%2f'yyyy", CultureInfo.InvariantCulture)}"
        + (previousBody is null ? "" : $"&PREVIOUS_LICENSE_BODY={Uri.EscapeDataString(previousBody)}");
}
