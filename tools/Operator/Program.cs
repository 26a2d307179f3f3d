using System.CommandLine;
using System.Globalization;
using Orleans.Licensing.Operator;
using Spectre.Console;

var url = new Option<string>("--url")
{
    Description = "The service (env LICENSING_URL)",
    Recursive = true,
    DefaultValueFactory = _ => Environment.GetEnvironmentVariable("LICENSING_URL") ?? "http://localhost:5080",
};
var user = new Option<string>("--user")
{
    Description = "Operator user (env LICENSING_OPERATOR_USER)",
    Recursive = true,
    DefaultValueFactory = _ => Environment.GetEnvironmentVariable("LICENSING_OPERATOR_USER") ?? "operator",
};
var password = new Option<string>("--password")
{
    Description = "Operator password (env LICENSING_OPERATOR_PASSWORD)",
    Recursive = true,
    DefaultValueFactory = _ => Environment.GetEnvironmentVariable("LICENSING_OPERATOR_PASSWORD") ?? "operator-dev",
};

var purchaseId = new Argument<string>("purchase-id") { Description = "KA's PURCHASE_ID" };
var inspect = new Command("inspect", "Show a license: state, usage, every issuance and its audit trail") { purchaseId };
inspect.SetAction(async result =>
{
    using var client = Client(result);
    LicenseTables.Show(AnsiConsole.Console, await client.Describe(result.GetValue(purchaseId)!));
});

var counters = new Argument<string[]>("counters") { Description = "name=value pairs, e.g. usedAccounts=20", Arity = ArgumentArity.OneOrMore };
var usage = new Command("usage", "Report usage counters of a model-3 license") { purchaseId, counters };
usage.SetAction(async result =>
{
    var values = new Dictionary<string, long>(StringComparer.Ordinal);
    foreach (var pair in result.GetValue(counters)!)
    {
        var parts = pair.Split('=', 2);
        if (parts.Length != 2 || !long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw new OperatorException($"'{pair}' is not name=integer");
        }

        values[parts[0]] = value;
    }

    using var client = Client(result);
    AnsiConsole.WriteLine(await client.ReportUsage(result.GetValue(purchaseId)!, values));
});

var from = new Option<DateOnly>("--from") { Description = "First day, yyyy-MM-dd", Required = true };
var to = new Option<DateOnly>("--to") { Description = "Last day, yyyy-MM-dd", Required = true };
var format = new Option<string>("--format") { Description = "csv or json", DefaultValueFactory = _ => "csv" };
var output = new Option<FileInfo>("--out") { Description = "File to write", Required = true };
var billing = new Command("billing", "Export the billing report: every real license active in the period, with product and active days") { from, to, format, output };
billing.SetAction(async (result, cancellation) =>
{
    using var client = Client(result);
    var file = result.GetValue(output)!;
    await using var stream = file.Create();
    await AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn())
        .StartAsync(async progress =>
        {
            var task = progress.AddTask($"billing {result.GetValue(from):yyyy-MM-dd} to {result.GetValue(to):yyyy-MM-dd}", maxValue: 1);
            await client.ExportBilling(result.GetValue(from), result.GetValue(to), result.GetValue(format)!, stream, (received, total) =>
            {
                task.MaxValue = total ?? Math.Max(received, 1);
                task.Value = received;
            }, cancellation);
            task.Value = task.MaxValue;
        });
    AnsiConsole.MarkupLineInterpolated($"written to [bold]{file.FullName}[/]");
});

var root = new RootCommand("Orleans Licensing operator: inspect licenses, report usage, export billing") { url, user, password, inspect, usage, billing };
try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e) when (e is OperatorException or HttpRequestException or IOException or UriFormatException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}

OperatorClient Client(ParseResult result) => new(new Uri(result.GetValue(url)!), result.GetValue(user)!, result.GetValue(password)!);
