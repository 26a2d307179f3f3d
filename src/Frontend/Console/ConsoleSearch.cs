using System.Text.RegularExpressions;

namespace Orleans.Licensing.Frontend.Console;

/// <summary>The license list's query string, checked and turned into a <see cref="LicenseSearch"/>.</summary>
internal static partial class ConsoleSearch
{
    public const int PageSize = 50;

    public static readonly string[] Statuses = ["Active", "Expired", "Terminated"];

    /// <summary>Null with <paramref name="error"/> set when a parameter is not one the page offers.</summary>
    public static LicenseSearch? Parse(string? q, string? product, string? status, string? test, string? sort, string? after, out string? error)
    {
        q = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        product = string.IsNullOrEmpty(product) ? null : product;
        status = string.IsNullOrEmpty(status) ? null : status;
        error = null;
        if (q is not null && !PurchaseIdRule.IsValid(q))
        {
            error = $"'{q}' is not the start of a PURCHASE_ID ({PurchaseIdRule.Description}).";
        }
        else if (status is not null && !Statuses.Contains(status, StringComparer.Ordinal))
        {
            error = $"status '{status}' is not Active, Expired or Terminated.";
        }
        else if (test is not (null or "" or "real" or "test"))
        {
            error = $"test '{test}' is not real or test.";
        }
        else if (sort is not (null or "" or "expiry"))
        {
            error = $"sort '{sort}' is not expiry.";
        }
        else if (after is not null && !(sort == "expiry" ? IsExpiryCursor(after) : PurchaseIdCursor().IsMatch(after)))
        {
            error = $"after '{after}' is not where a page of this list ends; start from the first page.";
        }

        return error is not null
            ? null
            : new LicenseSearch(q, product, status, test switch { "real" => false, "test" => true, _ => null }, sort == "expiry", after, PageSize);
    }

    public static string Link(string? q, string? product, string? status, string? test, string? sort, string? after)
    {
        var query = new List<string>();
        Add("q", q);
        Add("product", product);
        Add("status", status);
        Add("test", test);
        Add("sort", sort);
        Add("after", after);
        return "/console/licenses" + (query.Count == 0 ? "" : "?" + string.Join("&", query));

        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                query.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }
    }

    private static bool IsExpiryCursor(string after) =>
        ExpiryCursor().IsMatch(after)
        && DateOnly.TryParseExact(after[..10], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _);

    [GeneratedRegex(@"\A[0-9A-Za-z]{1,10}\z", RegexOptions.CultureInvariant)]
    private static partial Regex PurchaseIdCursor();

    [GeneratedRegex(@"\A[0-9]{4}-[0-9]{2}-[0-9]{2}/[0-9A-Za-z]{1,10}\z", RegexOptions.CultureInvariant)]
    private static partial Regex ExpiryCursor();
}
