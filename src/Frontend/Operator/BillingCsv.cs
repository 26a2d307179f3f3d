using System.Globalization;
using System.Text;

namespace Orleans.Licensing.Frontend.Operator;

internal static class BillingCsv
{
    /// <summary>RFC 4180 CSV.</summary>
    public static string Write(BillingReport report)
    {
        var csv = new StringBuilder("purchase_id,product_id,active_days,first_day,last_day\r\n");
        foreach (var line in report.Lines)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{line.PurchaseId},{Field(line.ProductId)},{line.ActiveDays},{line.FirstDay:yyyy-MM-dd},{line.LastDay:yyyy-MM-dd}\r\n");
        }

        return csv.ToString();
    }

    /// <summary>PRODUCT_IDs come from the catalog and may hold a comma or a quote.</summary>
    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
