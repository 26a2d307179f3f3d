using System.Globalization;

namespace Orleans.Licensing.Bench;

/// <summary>KA request bodies, written as KA writes them (backslash dates, as in the guide's examples).</summary>
internal static class KaForms
{
    public const string Basic = "someproduct1";
    public const string Pro = "someproduct1-pro";

    public static string Other(string product) => product == Basic ? Pro : Basic;

    public static string Date(DateOnly date) => string.Create(CultureInfo.InvariantCulture, $"{date:dd}%5c{date:MM}%5c{date:yyyy}");

    public static string Issue(string action, string purchaseId, string product, DateOnly start, DateOnly expiry, byte[]? previousBody) =>
        $"APS_PROTOCOL_MODEL=2&APS_ACTION={action}&APS_TEST_MODE=N&PURCHASE_ID={purchaseId}&PRODUCT_ID={product}"
        + $"&PURCHASE_DATE={Date(start)}&SUBSCRIPTION_DATE={Date(start)}&START_DATE={Date(start)}&EXPIRY_DATE={Date(expiry)}&REG_NAME=54321"
        + (previousBody is null ? "" : $"&PREVIOUS_LICENSE_BODY={Uri.EscapeDataString(Convert.ToBase64String(previousBody))}");

    public static string GetInfo(string purchaseId, string product) =>
        $"APS_PROTOCOL_MODEL=3&APS_ACTION=GET-INFO&APS_TEST_MODE=N&PURCHASE_ID={purchaseId}&PRODUCT_ID={product}&REG_NAME=54321";

    public static string Terminate(string purchaseId, string product, DateOnly on) =>
        $"APS_ACTION=TERMINATE&APS_TEST_MODE=N&PURCHASE_ID={purchaseId}&PRODUCT_ID={product}&APS_TERMINATION_DATE={on.ToString("dd'%2f'MM'%2f'yyyy", CultureInfo.InvariantCulture)}";
}
