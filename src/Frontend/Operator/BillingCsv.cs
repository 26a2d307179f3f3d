using System.Globalization;
using System.Text;

namespace Orleans.Licensing.Frontend.Operator;

/// <summary>RFC 4180 CSV of the billing report, written a page at a time.</summary>
internal static class BillingCsv
{
    public const string Header = "purchase_id,product_id,active_days,first_day,last_day\r\n";

    public static void Append(StringBuilder csv, IEnumerable<BillingLine> lines)
    {
        foreach (var line in lines)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{line.PurchaseId},{Field(line.ProductId)},{line.ActiveDays},{line.FirstDay:yyyy-MM-dd},{line.LastDay:yyyy-MM-dd}\r\n");
        }
    }

    /// <summary>PRODUCT_IDs come from the catalog and may hold a comma or a quote.</summary>
    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
