using Spectre.Console;

namespace Orleans.Licensing.Operator;

/// <summary>A license as the operator API describes it, shown as tables on the console.</summary>
internal static class LicenseTables
{
    public static void Show(IAnsiConsole console, LicenseView license)
    {
        var summary = new Table().Border(TableBorder.Rounded).AddColumns("PURCHASE_ID", "product", "status", "test", "start", "expiry", "expires at (GMT)", "terminated");
        summary.AddRow(
            Markup.Escape(license.PurchaseId), Markup.Escape(license.ProductId), license.Status, license.TestMode ? "yes" : "no",
            $"{license.StartDate:yyyy-MM-dd}", $"{license.ExpiryDate:yyyy-MM-dd}", license.ExpiresAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture),
            license.TerminationDate is { } t ? $"{t:yyyy-MM-dd}" : "");
        console.Write(summary);

        var usage = new Table().Border(TableBorder.Rounded).Title("usage").AddColumns("counter", "value");
        foreach (var counter in license.Usage)
        {
            usage.AddRow(Markup.Escape(counter.Name), counter.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        console.Write(usage);

        var issuances = new Table().Border(TableBorder.Rounded).Title("issuances").AddColumns("rev", "cause", "product", "start", "expiry", "issued", "key", "body sha-256");
        foreach (var i in license.Issuances)
        {
            issuances.AddRow(
                i.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture), i.Cause, Markup.Escape(i.ProductId), $"{i.StartDate:yyyy-MM-dd}", $"{i.ExpiryDate:yyyy-MM-dd}",
                i.IssuedAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(i.KeyId[..Math.Min(12, i.KeyId.Length)]), i.BodySha256[..16]);
        }

        console.Write(issuances);

        var audit = new Table().Border(TableBorder.Rounded).Title("audit trail").AddColumns("at", "cause", "detail");
        foreach (var entry in license.Audit)
        {
            audit.AddRow(entry.At.ToString("u", System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(entry.Cause), Markup.Escape(entry.Detail));
        }

        console.Write(audit);
    }
}
