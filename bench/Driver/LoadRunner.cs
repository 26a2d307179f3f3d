using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using HdrHistogram;
using Spectre.Console;

namespace Orleans.Licensing.Bench;

/// <summary>
/// Runs phases against one endpoint. Closed loop: N workers, each sends its next request when the previous is
/// answered (maximum throughput; latency from the actual send). Open loop: requests are due at fixed intervals
/// whatever the answers do, and latency counts from when a request was due, so time spent queued behind a slow
/// service — in the client's connection pool or in the dispatcher — is measured, not hidden (coordinated omission).
/// </summary>
internal sealed class LoadRunner(KaHttp http, LicenseBook book, ProcessMeter meter, int concurrency, bool showProgress)
{
    public async Task<PhaseResult> Run(string name, bool open, Mix mix, double? rate, TimeSpan duration, long? requestLimit = null)
    {
        var recorder = new PhaseRecorder();
        meter.ResetPeaks();
        var cpuBefore = meter.CpuTicks();
        var started = Stopwatch.GetTimestamp();
        var work = open
            ? OpenLoop(recorder, mix, rate ?? throw new ArgumentNullException(nameof(rate)), duration)
            : ClosedLoop(recorder, mix, duration, requestLimit);
        await Watch(name, work, recorder, duration, requestLimit);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var cpuAfter = meter.CpuTicks();
        return Summarise(name, open, mix, rate, recorder, elapsed, cpuAfter.Service - cpuBefore.Service, cpuAfter.Database - cpuBefore.Database);
    }

    /// <summary>
    /// Renews every license active now <paramref name="renewals"/> times, a month on each time, at the runner's
    /// concurrency: a license goes back to the end of the queue when its RENEW is answered with 200, so its
    /// renewals stay in order while the load spreads over all licenses. A license whose RENEW is not answered
    /// 200 is renewed no further (the phase's statuses and problems say which).
    /// </summary>
    public async Task<PhaseResult> Age(int renewals)
    {
        var licenses = book.ActiveLicenses();
        var queue = new ConcurrentQueue<(LicenseSlot License, int Left)>(licenses.Select(l => (l, renewals)));
        var recorder = new PhaseRecorder();
        meter.ResetPeaks();
        var cpuBefore = meter.CpuTicks();
        var started = Stopwatch.GetTimestamp();
        var work = renewals <= 0 ? Task.CompletedTask : Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            // A worker that finds the queue empty while the last licenses are in flight ends: the worker of each of
            // those licenses queues it again and takes it back itself.
            while (queue.TryDequeue(out var next))
            {
                var status = await Send(recorder, book.Plan(next.License, KaAction.Renew), Stopwatch.GetTimestamp());
                if (status == 200 && next.Left > 1)
                {
                    queue.Enqueue((next.License, next.Left - 1));
                }
            }
        })));
        await Watch($"age:{renewals}", work, recorder, TimeSpan.Zero, (long)licenses.Count * Math.Max(0, renewals));
        var elapsed = Stopwatch.GetElapsedTime(started);
        var cpuAfter = meter.CpuTicks();
        return Summarise($"age:{renewals}", false, Mix.RenewOnly, null, recorder, elapsed, cpuAfter.Service - cpuBefore.Service, cpuAfter.Database - cpuBefore.Database);
    }

    private async Task ClosedLoop(PhaseRecorder recorder, Mix mix, TimeSpan duration, long? requestLimit)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long tickets = 0;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < deadline && (requestLimit is null || Interlocked.Increment(ref tickets) <= requestLimit))
            {
                var request = book.Plan(mix);
                await Send(recorder, request, Stopwatch.GetTimestamp());
            }
        })));
    }

    private async Task OpenLoop(PhaseRecorder recorder, Mix mix, double rate, TimeSpan duration)
    {
        var start = Stopwatch.GetTimestamp();
        var interval = Stopwatch.Frequency / rate;
        var inFlight = new List<Task>();
        long sent = 0;
        while (true)
        {
            var elapsed = Stopwatch.GetElapsedTime(start);
            if (elapsed >= duration)
            {
                break;
            }

            // Everything due by now goes out now: after a stall of the dispatcher itself the backlog is sent at
            // once, still timed from when each request was due.
            var due = (long)(elapsed.TotalSeconds * rate);
            for (; sent < due; sent++)
            {
                var intended = start + (long)(sent * interval);
                var request = book.Plan(mix);
                inFlight.Add(Send(recorder, request, intended));
            }

            await Task.Delay(1);
        }

        await Task.WhenAll(inFlight);
    }

    private async Task<int> Send(PhaseRecorder recorder, PlannedRequest request, long intendedTimestamp)
    {
        var response = await http.Post(request.Form, CancellationToken.None);
        var micros = (long)((Stopwatch.GetTimestamp() - intendedTimestamp) * 1_000_000.0 / Stopwatch.Frequency);
        var matched = book.Complete(request, response.Status, response.Body);
        recorder.Record(request, response, micros, matched);
        return response.Status;
    }

    private async Task Watch(string name, Task work, PhaseRecorder recorder, TimeSpan duration, long? requestLimit)
    {
        if (!showProgress)
        {
            await work;
            return;
        }

        var watch = Stopwatch.StartNew();
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask(name, maxValue: requestLimit ?? duration.TotalSeconds);
                while (!work.IsCompleted)
                {
                    await Task.WhenAny(work, Task.Delay(250));
                    var count = recorder.Completed;
                    task.Value = requestLimit is null ? Math.Min(watch.Elapsed.TotalSeconds, duration.TotalSeconds) : count;
                    task.Description = string.Create(CultureInfo.InvariantCulture,
                        $"{Markup.Escape(name),-22} {count,8} req {count / Math.Max(watch.Elapsed.TotalSeconds, 0.001),8:F0}/s  p99 {recorder.Percentile(99) / 1000.0,8:F1} ms  non-200 {recorder.NonOk}");
                }

                task.Value = task.MaxValue;
                await work;
            });
    }

    private PhaseResult Summarise(string name, bool open, Mix mix, double? rate, PhaseRecorder recorder, TimeSpan elapsed, long serviceTicks, long databaseTicks)
    {
        var latency = recorder.Latency;
        static double Ms(long micros) => Math.Round(micros / 1000.0, 3);
        return new PhaseResult(
            name,
            open ? "open" : "closed",
            mix.Name,
            concurrency,
            rate,
            Math.Round(elapsed.TotalSeconds, 3),
            recorder.Completed,
            Math.Round(recorder.Completed / elapsed.TotalSeconds, 1),
            Ms(recorder.Percentile(50)),
            Ms(recorder.Percentile(90)),
            Ms(recorder.Percentile(99)),
            Ms(recorder.Percentile(99.9)),
            Ms(latency.TotalCount == 0 ? 0 : latency.GetMaxValue()),
            Math.Round(latency.TotalCount == 0 ? 0 : latency.GetMean() / 1000.0, 3),
            recorder.Statuses.OrderBy(s => s.Key).ToDictionary(s => s.Key == 0 ? "no answer" : s.Key.ToString(CultureInfo.InvariantCulture), s => s.Value),
            Names(recorder.Sent),
            Names(recorder.Wanted),
            recorder.Conversions,
            recorder.NonOk,
            recorder.Mismatches,
            meter.Enabled ? Math.Round(ProcessMeter.Cores(serviceTicks, elapsed), 3) : null,
            meter.MeasuresDatabase ? Math.Round(ProcessMeter.Cores(databaseTicks, elapsed), 3) : null,
            meter.Enabled ? Math.Round(meter.PeakMemoryMiB(), 1) : null,
            [.. recorder.Problems]);
    }

    private static Dictionary<string, long> Names(IReadOnlyDictionary<KaAction, long> counts) =>
        counts.Where(c => c.Value > 0).ToDictionary(c => ActionName(c.Key), c => c.Value);

    public static string ActionName(KaAction action) => action switch
    {
        KaAction.GetInfo => "GET-INFO",
        KaAction.Replay => "replay",
        _ => action.ToString().ToUpperInvariant(),
    };
}
