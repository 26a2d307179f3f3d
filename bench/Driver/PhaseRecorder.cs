using System.Collections.Concurrent;
using HdrHistogram;

namespace Orleans.Licensing.Bench;

/// <summary>What one phase saw: latencies in microseconds, statuses, the achieved mix, replay mismatches.</summary>
internal sealed class PhaseRecorder
{
    private readonly long[] _sent = new long[Enum.GetValues<KaAction>().Length];
    private readonly long[] _wanted = new long[Enum.GetValues<KaAction>().Length];
    private long _completed;
    private long _conversions;
    private long _mismatches;

    // Up to ten minutes, three significant digits: 0.1% resolution at every scale.
    public LongConcurrentHistogram Latency { get; } = new(1, 600_000_000, 3);

    public ConcurrentDictionary<int, long> Statuses { get; } = new();

    public ConcurrentQueue<string> Problems { get; } = new();

    public long Completed => Interlocked.Read(ref _completed);

    public long Conversions => Interlocked.Read(ref _conversions);

    public long Mismatches => Interlocked.Read(ref _mismatches);

    public long NonOk => Statuses.Where(s => s.Key != 200).Sum(s => s.Value);

    public IReadOnlyDictionary<KaAction, long> Sent => Enum.GetValues<KaAction>().ToDictionary(a => a, a => Interlocked.Read(ref _sent[(int)a]));

    public IReadOnlyDictionary<KaAction, long> Wanted => Enum.GetValues<KaAction>().ToDictionary(a => a, a => Interlocked.Read(ref _wanted[(int)a]));

    /// <summary>A percentile in microseconds; 0 while nothing is recorded.</summary>
    public long Percentile(double percentile)
    {
        if (Latency.TotalCount == 0)
        {
            return 0;
        }

        try
        {
            return Latency.GetValueAtPercentile(percentile);
        }
        catch (ArgumentOutOfRangeException)
        {
            // Read while other threads record: the counts can be momentarily inconsistent; the next read is fine.
            return 0;
        }
    }

    public void Record(PlannedRequest request, KaResponse response, long microseconds, bool replayMatched)
    {
        Latency.RecordValue(Math.Clamp(microseconds, 1, 600_000_000));
        Statuses.AddOrUpdate(response.Status, 1, (_, n) => n + 1);
        Interlocked.Increment(ref _sent[(int)request.Action]);
        Interlocked.Increment(ref _wanted[(int)request.Wanted]);
        if (request.Action != request.Wanted)
        {
            Interlocked.Increment(ref _conversions);
        }

        if (!replayMatched)
        {
            Interlocked.Increment(ref _mismatches);
            Note($"{request.Slot.Id} replay answered other bytes than the first answer");
        }

        if (response.Status != 200)
        {
            Note($"{request.Slot.Id} {request.Action}: {(response.Status == 0 ? "no answer" : response.Status)} {System.Text.Encoding.UTF8.GetString(response.Body)}".TrimEnd());
        }

        Interlocked.Increment(ref _completed);
    }

    private void Note(string problem)
    {
        // The first few are enough to see what went wrong.
        if (Problems.Count < 20)
        {
            Problems.Enqueue(problem);
        }
    }
}
