using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Orleans.Licensing.IntegrationTests.Support;

namespace Orleans.Licensing.IntegrationTests.Cluster;

/// <summary>
/// Drives KA traffic over many licenses, each through its life in order (PURCHASE, RENEW, a repeated RENEW,
/// UPGRADE, RENEW, GET-INFO, TERMINATE), retrying every failed request as KA retries until it gets 200.
/// </summary>
internal sealed class KaTrafficDriver(IReadOnlyList<KaClient> clients, string prefix, TimeSpan retryFor)
{
    private static readonly DateOnly FirstDay = new(2016, 3, 12);
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

    public static string PurchaseId(string prefix, int i) => prefix + i.ToString(CultureInfo.InvariantCulture);

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
        var id = PurchaseId(prefix, i);
        var start = FirstDay.AddDays(i % 28);
        var expiry = start.AddMonths(1).AddDays(10);
        var purchase = await Send(id, "PURCHASE", KaForms.Purchase(id, start, expiry));
        if (purchase is null)
        {
            return;
        }

        var renewal = KaForms.Renew(id, start.AddMonths(1), expiry.AddMonths(1), purchase.Base64);
        var renewed = await Send(id, "RENEW", renewal);
        if (renewed is not null && i % 5 == 0)
        {
            // KA's retry of a RENEW whose 200 it lost: must be answered byte for byte the same.
            var repeated = await Send(id, "RENEW", renewal);
            if (repeated is not null && (!repeated.Body.AsSpan().SequenceEqual(renewed.Body) || repeated.Expiration != renewed.Expiration))
            {
                Interlocked.Increment(ref _replayMismatches);
            }
        }

        var product = "someproduct1";
        if (i % 3 == 0)
        {
            product = "someproduct1-pro";
            await Send(id, "UPGRADE", KaForms.Upgrade(id, product, start.AddMonths(1), expiry.AddMonths(1)));
        }

        await Send(id, "RENEW", KaForms.Renew(id, start.AddMonths(2), expiry.AddMonths(2), product: product));
        await Send(id, "GET-INFO", KaForms.GetInfo(id, product));
        if (i % 4 == 0)
        {
            await Send(id, "TERMINATE", KaForms.Terminate(id, expiry.AddMonths(5), product: product));
        }
    }

    private async Task<KaAnswer?> Send(string id, string action, string form)
    {
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
                var answer = await clients[Random.Shared.Next(clients.Count)].Post(form);
                if (answer.Status == HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref _ok);
                    Answers.Add(new AnsweredRequest(id, action, form, answer));
                    return answer;
                }

                if ((int)answer.Status < 500)
                {
                    // A 4xx is final: KA shows it to a person and does not retry.
                    Interlocked.Increment(ref _clientErrors);
                    Problems.Add($"{id} {action}: {(int)answer.Status} {answer.Text}");
                    return null;
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
                Problems.Add($"{id} {action}: no 200 within {retryFor}");
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

internal sealed record AnsweredRequest(string PurchaseId, string Action, string Form, KaAnswer Answer);

internal sealed record DriverCounts(
    long Requests, long Ok, long ClientErrors, long ServerErrors, long NetworkErrors, long Retries, long Stuck, long ReplayMismatches, TimeSpan MaxServerErrorLatency);
