using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Orleans.Licensing.IntegrationTests.Support;

namespace Orleans.Licensing.IntegrationTests.Cluster;

/// <summary>
/// Drives KA traffic over many licenses, each through its life in order (PURCHASE, RENEW, a repeated RENEW,
/// UPGRADE, RENEW, GET-INFO, TERMINATE), retrying every failed request as KA retries until it gets 200. The
/// requests themselves are the benchmark driver's (<see cref="LicenseBook"/>).
/// </summary>
internal sealed class KaTrafficDriver(IReadOnlyList<KaClient> clients, string prefix, TimeSpan retryFor)
{
    private readonly LicenseBook _book = new(prefix, seed: 0);
    private long _requests;
    private long _ok;
    private long _clientErrors;
    private long _serverErrors;
    private long _networkErrors;
    private long _retries;
    private long _stuck;
    private long _replayMismatches;
    private long _maxServerErrorMilliseconds;
    private int _completed;

    public ConcurrentBag<AnsweredRequest> Answers { get; } = [];

    public ConcurrentBag<string> Problems { get; } = [];

    public int Completed => Volatile.Read(ref _completed);

    public DriverCounts Counts => new(
        Interlocked.Read(ref _requests), Interlocked.Read(ref _ok), Interlocked.Read(ref _clientErrors), Interlocked.Read(ref _serverErrors),
        Interlocked.Read(ref _networkErrors), Interlocked.Read(ref _retries), Interlocked.Read(ref _stuck), Interlocked.Read(ref _replayMismatches),
        TimeSpan.FromMilliseconds(Interlocked.Read(ref _maxServerErrorMilliseconds)));

    public async Task Run(int licenses, int concurrency)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < licenses)
            {
                await License(i);
                Interlocked.Increment(ref _completed);
            }
        })));
    }

    private async Task License(int i)
    {
        var slot = _book.NewLicense();
        if (await Send(_book.Plan(slot, KaAction.Purchase)) is null)
        {
            return;
        }

        var renewed = await Send(_book.Plan(slot, KaAction.Renew));
        if (renewed is not null && i % 5 == 0)
        {
            // KA's retry of a RENEW whose 200 it lost: must be answered byte for byte the same.
            var replay = _book.Plan(slot, KaAction.Replay);
            var repeated = await Send(replay);
            if (repeated is not null && (!repeated.Body.AsSpan().SequenceEqual(replay.Expected) || repeated.Expiration != renewed.Expiration))
            {
                Interlocked.Increment(ref _replayMismatches);
            }
        }

        if (i % 3 == 0)
        {
            await Send(_book.Plan(slot, KaAction.Upgrade));
        }

        await Send(_book.Plan(slot, KaAction.Renew));
        await Send(_book.Plan(slot, KaAction.GetInfo));
        if (i % 4 == 0)
        {
            await Send(_book.Plan(slot, KaAction.Terminate));
        }
    }

    /// <summary>Sends the request until it gets 200 (or a final 4xx, or the retry budget runs out) and books the answer.</summary>
    private async Task<KaAnswer?> Send(PlannedRequest request)
    {
        var answer = await Retry(request);
        _book.Complete(request, answer is null ? 0 : (int)answer.Status, answer?.Body ?? []);
        return answer?.Status == HttpStatusCode.OK ? answer : null;
    }

    private async Task<KaAnswer?> Retry(PlannedRequest request)
    {
        var id = request.Slot.Id;
        var deadline = DateTime.UtcNow + retryFor;
        for (var attempt = 0; ; attempt++)
        {
            Interlocked.Increment(ref _requests);
            if (attempt > 0)
            {
                Interlocked.Increment(ref _retries);
            }

            var watch = Stopwatch.StartNew();
            try
            {
                var answer = await clients[Random.Shared.Next(clients.Count)].Post(request.Form);
                if (answer.Status == HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref _ok);
                    Answers.Add(new AnsweredRequest(id, request.Action, request.Form, answer));
                    return answer;
                }

                if ((int)answer.Status < 500)
                {
                    // A 4xx is final: KA shows it to a person and does not retry.
                    Interlocked.Increment(ref _clientErrors);
                    Problems.Add($"{id} {request.Action}: {(int)answer.Status} {answer.Text}");
                    return answer;
                }

                Interlocked.Increment(ref _serverErrors);
                InterlockedMax(ref _maxServerErrorMilliseconds, watch.ElapsedMilliseconds);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Interlocked.Increment(ref _networkErrors);
            }

            if (DateTime.UtcNow > deadline)
            {
                Interlocked.Increment(ref _stuck);
                Problems.Add($"{id} {request.Action}: no 200 within {retryFor}");
                return null;
            }

            await Task.Delay(200 + Random.Shared.Next(300));
        }
    }

    private static void InterlockedMax(ref long target, long value)
    {
        long seen;
        while ((seen = Interlocked.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
