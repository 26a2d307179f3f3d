using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Orleans.Licensing.Bench;
using Spectre.Console;

// System.CommandLine 3.0 parses no Uri options: URLs are strings.
var url = new Option<string>("--url") { Description = "The service's base address", DefaultValueFactory = _ => "http://127.0.0.1:5080", Recursive = true };
var path = new Option<string>("--path") { Description = "The KA endpoint's path", DefaultValueFactory = _ => "/ka", Recursive = true };
var user = new Option<string>("--user") { Description = "KA user (Basic)", DefaultValueFactory = _ => "john", Recursive = true };
var password = new Option<string>("--password") { Description = "KA password (Basic)", DefaultValueFactory = _ => "qwe123", Recursive = true };

var concurrency = new Option<int>("--concurrency", "-c") { Description = "Workers (closed loop) and connections (both modes)", DefaultValueFactory = _ => 32 };
var duration = new Option<double>("--duration", "-d") { Description = "Seconds per measured phase", DefaultValueFactory = _ => 10 };
var warmup = new Option<double>("--warmup") { Description = "Seconds of unmeasured mixed load before the first phase (JIT, connections, grain activation)", DefaultValueFactory = _ => 3 };
var warmupMix = new Option<string>("--warmup-mix") { Description = "The warm-up's mix: mixed, write, read, renew or existing (mixed without PURCHASE and TERMINATE: the licenses stay the ones there were)", DefaultValueFactory = _ => "mixed" };
var seed = new Option<int>("--seed") { Description = "Licenses purchased before measuring, so RENEW, GET-INFO and replays have licenses to act on", DefaultValueFactory = _ => 2000 };
var phases = new Option<string[]>("--phase", "-p")
{
    Description = "Phases in order: closed:MIX or open:MIX:RATE (RATE per second or N% of closed:MIX's throughput); MIX is mixed, write, read, renew (RENEW only) or existing (mixed without PURCHASE and TERMINATE)",
    DefaultValueFactory = _ => ["closed:mixed"],
    AllowMultipleArgumentsPerToken = true,
};
var rate = new Option<double?>("--rate", "-r") { Description = "Shorthand for one open-loop mixed phase at this many requests per second" };
var pids = new Option<int[]>("--pid") { Description = "Service process ids whose CPU time and peak memory are measured", AllowMultipleArgumentsPerToken = true };
var databasePid = new Option<int?>("--database-pid") { Description = "PostgreSQL's postmaster pid: its CPU time and its backends' are measured" };
var json = new Option<string?>("--json") { Description = "Write the results here as JSON" };
var label = new Option<string>("--label") { Description = "The configuration's name in the results", DefaultValueFactory = _ => "service" };
var noProgress = new Option<bool>("--no-progress") { Description = "No live display (for logs)" };
var prefix = new Option<string?>("--prefix") { Description = "PURCHASE_ID prefix of this run's licenses (default: 4 random characters, room for 1,000,000 licenses; 3 leave room for 10,000,000)" };
var resume = new Option<int>("--resume") { Description = "Licenses an earlier run's seed phase purchased with the same --prefix: act on them without purchasing them again" };
var seedOnly = new Option<bool>("--seed-only") { Description = "Only the seed phase (and --age's renewals): no warm-up, no other phase" };
var age = new Option<int>("--age") { Description = "Renew every seeded license this many times (a month on each time) after the seed and before the warm-up, unmeasured; any answer but 200 fails the run" };
var saveBook = new Option<string?>("--save-book") { Description = "At the end, write every license's state (period, last request and body) here, for a later run's --load-book" };
var loadBook = new Option<string?>("--load-book") { Description = "Act on the licenses an earlier run's --save-book wrote (instead of --prefix and --resume): next requests and replays as that run left them" };

var run = new Command("run", "Drive KA load and report throughput, latency percentiles and statuses")
{
    concurrency, duration, warmup, warmupMix, seed, phases, rate, pids, databasePid, json, label, noProgress, prefix, resume, seedOnly, age, saveBook, loadBook,
};
run.SetAction(async result =>
{
    var specs = result.GetValue(rate) is { } perSecond
        ? [new PhaseSpec(string.Create(CultureInfo.InvariantCulture, $"open:mixed:{perSecond}"), true, Mix.Mixed, perSecond, null)]
        : result.GetValue(phases)!.Select(PhaseSpec.Parse).ToList();
    var workers = result.GetValue(concurrency);
    using var http = new KaHttp(result.GetValue(url)!, result.GetValue(path)!, result.GetValue(user)!, result.GetValue(password)!, workers);
    LicenseBook book;
    if (result.GetValue(loadBook) is { } savedBook)
    {
        if (result.GetValue(prefix) is not null || result.GetValue(resume) > 0)
        {
            await Console.Error.WriteLineAsync("--load-book takes the prefix and the licenses from the file: no --prefix or --resume with it");
            return 2;
        }

        book = LicenseBook.Load(savedBook, 42);
    }
    else
    {
        book = new LicenseBook(result.GetValue(prefix) ?? LicenseBook.NewPrefix('B'), 42);
        book.Resume(result.GetValue(resume));
    }

    var meter = new ProcessMeter(result.GetValue(pids) ?? [], result.GetValue(databasePid));
    var runner = new LoadRunner(http, book, meter, workers, !result.GetValue(noProgress));
    var startedAt = DateTimeOffset.UtcNow;
    var phaseDuration = TimeSpan.FromSeconds(result.GetValue(duration));

    var results = new List<PhaseResult>();
    var seeded = result.GetValue(seed);
    if (seeded > 0)
    {
        // At least 200 purchases a second, or the seeding is reported as it stands.
        var seeding = await runner.Run("seed", false, Mix.PurchaseOnly, null, TimeSpan.FromSeconds(Math.Max(300, seeded / 200.0)), seeded);
        ResultTables.Line(seeding);
        if (result.GetValue(seedOnly))
        {
            results.Add(seeding);
            specs = [];
        }
    }

    if (result.GetValue(age) is var renewals and > 0)
    {
        var aging = await runner.Age(renewals);
        results.Add(aging);
        ResultTables.Line(aging);
        Console.WriteLine(FormattableString.Invariant(
            $"aged {book.Active} licenses by {renewals} renewals each: {aging.Requests} RENEWs in {aging.DurationSeconds:F1} s ({aging.Throughput:F0}/s), {aging.NonOk} not answered 200"));
        if (aging.NonOk > 0 || aging.Requests != (long)book.Active * renewals)
        {
            await Console.Error.WriteLineAsync($"--age: every RENEW must be answered 200: {string.Join("; ", aging.Problems)}");
            return 1;
        }
    }

    if (result.GetValue(warmup) > 0 && specs.Count > 0)
    {
        await runner.Run("warm-up", false, Mix.Parse(result.GetValue(warmupMix)!), null, TimeSpan.FromSeconds(result.GetValue(warmup)));
    }

    foreach (var spec in specs)
    {
        var perSecondRate = spec.Rate;
        if (spec.Fraction is { } fraction)
        {
            var reference = results.LastOrDefault(r => r.Mode == "closed" && r.Mix == spec.Mix.Name)
                ?? throw new InvalidOperationException($"{spec.Name}: a percentage needs an earlier closed:{spec.Mix.Name} phase");
            perSecondRate = Math.Max(1, Math.Round(reference.Throughput * fraction));
        }

        var phase = await runner.Run(spec.Name, spec.Open, spec.Mix, perSecondRate, phaseDuration);
        results.Add(phase);
        ResultTables.Line(phase);
    }

    var summary = new RunResult(result.GetValue(label)!, http.Endpoint.ToString(), startedAt, workers, seeded, results);
    ResultTables.Table(summary);
    if (result.GetValue(json) is { } file)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(summary, BenchJson.Options));
    }

    if (result.GetValue(saveBook) is { } bookFile)
    {
        book.Save(bookFile);
    }

    return 0;
});

var requests = new Option<int>("--requests") { Description = "Requests in the mixed part of the check", DefaultValueFactory = _ => 400 };
var smoke = new Command("smoke", "A few hundred requests against a fresh instance: every answer 200 except the expected ones, replays byte-identical")
{
    requests,
};
smoke.SetAction(async result =>
{
    using var http = new KaHttp(result.GetValue(url)!, result.GetValue(path)!, result.GetValue(user)!, result.GetValue(password)!, 8);
    return await SmokeCheck.Run(http, result.GetValue(requests)) ? 0 : 1;
});

var resultsDirectory = new Option<string>("--results") { Description = "The directory bench/run.sh wrote its raw results to", Required = true };
var output = new Option<string>("--out") { Description = "Where latest.json, latest.md and latency-throughput.svg go", Required = true };
var report = new Command("report", "Combine the runner's raw results into the comparison with the ceilings: JSON, a Markdown table and an SVG plot")
{
    resultsDirectory, output,
};
report.SetAction(async result =>
{
    await Report.Write(result.GetValue(resultsDirectory)!, result.GetValue(output)!);
    return 0;
});

var scaleResults = new Option<string>("--results") { Description = "The directory bench/scale.sh wrote its raw results to", Required = true };
var scaleOutput = new Option<string>("--out") { Description = "Where NAME.json and NAME.md go", Required = true };
var scaleName = new Option<string>("--name") { Description = "The results' file name, without extension", DefaultValueFactory = _ => "scale" };
var scaleReport = new Command("scale-report", "Combine bench/scale.sh's raw results into the table per number of stored licenses")
{
    scaleResults, scaleOutput, scaleName,
};
scaleReport.SetAction(async result =>
{
    await ScaleReport.Write(result.GetValue(scaleResults)!, result.GetValue(scaleOutput)!, result.GetValue(scaleName)!);
    return 0;
});

var ageResults = new Option<string>("--results") { Description = "The directory bench/age.sh wrote its raw results to", Required = true };
var ageOutput = new Option<string>("--out") { Description = "Where NAME.json and NAME.md go", Required = true };
var ageName = new Option<string>("--name") { Description = "The results' file name, without extension", DefaultValueFactory = _ => "age" };
var ageReport = new Command("age-report", "Combine bench/age.sh's raw results into the table of new against aged licenses")
{
    ageResults, ageOutput, ageName,
};
ageReport.SetAction(async result =>
{
    await AgeReport.Write(result.GetValue(ageResults)!, result.GetValue(ageOutput)!, result.GetValue(ageName)!);
    return 0;
});

var runJson = new Option<string>("--json") { Description = "A driver run's results (what run --json wrote)", Required = true };
var runPhase = new Option<string>("--phase") { Description = "The phase's name, e.g. open:mixed:50%", Required = true };
var targetRate = new Command("rate", "Print the rate (requests/s) an open-loop phase of a finished run was driven at: bench/run.sh gives the services the peer's half load")
{
    runJson, runPhase,
};
targetRate.SetAction(async result =>
{
    var file = result.GetValue(runJson)!;
    var name = result.GetValue(runPhase)!;
    var finished = JsonSerializer.Deserialize<RunResult>(await File.ReadAllTextAsync(file), BenchJson.Options);
    if (finished?.Phases.FirstOrDefault(p => p.Name == name)?.TargetRate is not { } driven)
    {
        await Console.Error.WriteLineAsync($"{file} has no open-loop phase {name}");
        return 1;
    }

    Console.WriteLine(driven.ToString("F0", CultureInfo.InvariantCulture));
    return 0;
});

var root = new RootCommand("Orleans Licensing KA load driver") { url, path, user, password, run, smoke, report, scaleReport, ageReport, targetRate };
return await root.Parse(args).InvokeAsync();
