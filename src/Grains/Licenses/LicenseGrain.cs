using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Orleans.Licensing.Catalog;
using Orleans.Licensing.Hosting;
using Orleans.Licensing.Signing;

namespace Orleans.Licensing.Licenses;

/// <summary>
/// One license. Orleans runs one call at a time here, so check-then-write never races; a 200 leaves only
/// after <see cref="Commit"/> made the new state durable.
/// </summary>
internal sealed partial class LicenseGrain(
    [PersistentState(LicensingSiloBuilderExtensions.LicenseStateName, LicensingSiloBuilderExtensions.StorageName)] IPersistentState<LicenseState> license,
    ProductCatalog catalog,
    SigningKeyRing keys,
    TimeProvider time,
    ILogger<LicenseGrain> logger) : Grain, ILicenseGrain
{
    private string PurchaseId => this.GetPrimaryKeyString()[LicenseGrainKey.Prefix.Length..];

    public Task<LicenseReply> Purchase(LicenseOrder order) => Issue(LicenseAction.Purchase, order);

    public Task<LicenseReply> Renew(LicenseOrder order) => Issue(LicenseAction.Renew, order);

    public Task<LicenseReply> Upgrade(LicenseOrder order) => Issue(LicenseAction.Upgrade, order);

    public async Task<LicenseReply> Terminate(TerminationOrder order)
    {
        var reply = new LicenseReply(ReplyStatus.Terminated, $"License {PurchaseId} is terminated.");
        var state = license.State;
        if (state.IsTerminated)
        {
            return reply;
        }

        if (!state.Exists)
        {
            // Recording the termination of a license we lost keeps its old body from restoring it later.
            if (Restore(order.PreviousLicenseBody) is not { } restored)
            {
                ForgetIfUnknown();
                return reply;
            }

            state = restored;
        }

        await Commit(state with { TerminatedOn = order.TerminationDate }, "KA TERMINATE", $"terminated as of {order.TerminationDate:yyyy-MM-dd}");
        return reply;
    }

    public Task<LicenseReply> GetInfo(string productId)
    {
        var reply = LicenseRules.Usage(license.State, PurchaseId, productId, catalog);
        ForgetIfUnknown();
        return Task.FromResult(reply);
    }

    public async Task<LicenseReply> ReportUsage(IReadOnlyDictionary<string, long> counters)
    {
        var (error, usage) = LicenseRules.ReportUsage(license.State, PurchaseId, counters, catalog);
        if (error is not null)
        {
            ForgetIfUnknown();
            return error;
        }

        await Commit(
            license.State with { Usage = usage },
            "Operator usage report",
            string.Join(", ", counters.Select(c => $"{c.Key}={c.Value}")));
        return LicenseRules.Usage(license.State, PurchaseId, license.State.Current.ProductId, catalog);
    }

    public Task<LicenseView?> Describe()
    {
        var state = license.State;
        if (!state.Exists)
        {
            ForgetIfUnknown();
            return Task.FromResult<LicenseView?>(null);
        }

        var current = state.Current;
        var counters = catalog.Find(current.ProductId)?.Counters ?? [];
        return Task.FromResult<LicenseView?>(new LicenseView(
            PurchaseId,
            current.ProductId,
            state.IsTerminated ? "Terminated" : current.ExpiresAt < time.GetUtcNow() ? "Expired" : "Active",
            current.TestMode,
            current.RegName,
            current.StartDate,
            current.ExpiryDate,
            current.ExpiresAt,
            state.TerminatedOn,
            [.. counters.Select(name => new UsageCounter(name, state.Usage.GetValueOrDefault(name)))],
            [.. state.Issuances.Select(i => new IssuanceSummary(
                i.Revision, i.Cause.ToString(), i.ProductId, i.StartDate, i.ExpiryDate, i.ExpiresAt, i.IssuedAt, i.KeyId,
                Convert.ToHexStringLower(SHA256.HashData(i.Body))))],
            state.Audit));
    }

    private async Task<LicenseReply> Issue(LicenseAction action, LicenseOrder order)
    {
        var state = license.State;
        var known = state.Exists;
        if (!known && action != LicenseAction.Purchase && Restore(order.PreviousLicenseBody) is { } restored)
        {
            state = restored;
        }

        var decision = LicenseRules.Decide(state, action, order, catalog, keys.Issuer, time.GetUtcNow());
        if (decision.Answer is { } answer)
        {
            ForgetIfUnknown();
            return answer;
        }

        // B.5: for a known license the body KA holds is information only. Checked for new issuances alone: a
        // repeat carries the body from before the request it repeats, which is rightly not the latest.
        if (known && order.PreviousLicenseBody is { } previous && !previous.AsSpan().SequenceEqual(state.Current.Body))
        {
            LogPreviousBodyDiffers(PurchaseId, action);
        }

        var claims = decision.Claims!;
        var body = keys.Sign(claims.ToJson());
        var issuance = Issuance.From(claims, (IssuanceCause)action, keys.ActiveKeyId, body);
        await Commit(
            state with { Issuances = state.Issuances.Add(issuance) },
            "KA " + action.ToString().ToUpperInvariant(),
            $"revision {issuance.Revision}: {issuance.ProductId} {issuance.StartDate:yyyy-MM-dd} to {issuance.ExpiryDate:yyyy-MM-dd}, key {issuance.KeyId}");
        LicensingTelemetry.LicensesIssued.Add(1, new TagList { { "action", action.ToString().ToUpperInvariant() }, { "product", order.ProductId } });
        return new LicenseReply(ReplyStatus.Issued, Body: body, ExpiresAt: issuance.ExpiresAt);
    }

    /// <summary>B.5: a license we lost comes back from a body we signed for this very PURCHASE_ID.</summary>
    private LicenseState? Restore(byte[]? body)
    {
        if (body is null)
        {
            return null;
        }

        var result = keys.Verify(body);
        if (!result.IsValid || result.Claims!.PurchaseId != PurchaseId)
        {
            LogRestoreRefused(PurchaseId, result.IsValid ? "signed for another PURCHASE_ID" : result.Failure.ToString());
            return null;
        }

        LogRestored(PurchaseId, result.Claims.Revision);
        return LicenseState.Empty with
        {
            Issuances = [Issuance.From(result.Claims, IssuanceCause.Restore, result.KeyId!, body)],
            Audit = [new AuditEntry(time.GetUtcNow(), "Restore", $"from PREVIOUS_LICENSE_BODY revision {result.Claims.Revision} signed with key {result.KeyId}")],
        };
    }

    /// <summary>
    /// B.11: the grain never keeps a state that storage does not hold. On failure the old state is put back
    /// and the activation dropped, because the stored version is no longer certain.
    /// </summary>
    private async Task Commit(LicenseState next, string cause, string detail)
    {
        var previous = license.State;
        license.State = next with { Audit = next.Audit.Add(new AuditEntry(time.GetUtcNow(), cause, detail)) };
        var started = Stopwatch.GetTimestamp();
        try
        {
            await license.WriteStateAsync();
            LicensingTelemetry.StorageWriteDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
        catch (Exception e)
        {
            license.State = previous;
            DeactivateOnIdle();
            LogStorageFailed(e, PurchaseId);
            throw new LicenseStorageException($"license {PurchaseId} could not be stored ({e.GetType().Name})");
        }
    }

    private void ForgetIfUnknown()
    {
        if (!license.State.Exists)
        {
            DeactivateOnIdle();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "License {PurchaseId}: PREVIOUS_LICENSE_BODY of a {Action} differs from the last body issued")]
    private partial void LogPreviousBodyDiffers(string purchaseId, LicenseAction action);

    [LoggerMessage(Level = LogLevel.Information, Message = "License {PurchaseId}: PREVIOUS_LICENSE_BODY does not restore it ({Reason})")]
    private partial void LogRestoreRefused(string purchaseId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "License {PurchaseId} restored from PREVIOUS_LICENSE_BODY at revision {Revision}")]
    private partial void LogRestored(string purchaseId, int revision);

    [LoggerMessage(Level = LogLevel.Error, Message = "License {PurchaseId}: storage refused the write; nothing was answered 200")]
    private partial void LogStorageFailed(Exception exception, string purchaseId);
}
