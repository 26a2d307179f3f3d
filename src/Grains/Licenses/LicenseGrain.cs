using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Orleans.Licensing.Catalog;
using Orleans.Licensing.Signing;
using Microsoft.Extensions.Options;

namespace Orleans.Licensing.Licenses;

/// <summary>
/// One license. Orleans runs one call at a time here, so check-then-write never races; a 200 leaves only
/// after <see cref="Commit"/> made the new state durable.
/// </summary>
internal sealed partial class LicenseGrain(
    ILicenseStore store,
    ProductCatalog catalog,
    SigningKeyRing keys,
    IOptions<LicenseOptions> options,
    TimeProvider time,
    ILogger<LicenseGrain> logger) : Grain, ILicenseGrain
{
    // Kept apart rather than as a StoredLicense: with a million licenses active every field counts.
    private int _version;
    private LicenseState _state = LicenseState.Empty;

    private string PurchaseId => LicenseGrainKey.PurchaseIdOf(this.GetPrimaryKeyString());

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stored = await store.Read(PurchaseId);
        (_version, _state) = (stored.Version, stored.State);
    }

    public async Task<LicenseReply> Terminate(TerminationOrder order)
    {
        if (!LicenseRules.FindProduct(catalog, order.ProductId).TryGetValue(out _, out var unknown))
        {
            ForgetIfUnknown();
            return unknown;
        }

        var reply = new LicenseReply(ReplyStatus.Terminated, $"License {PurchaseId} is terminated.");
        var state = _state;
        if (state.IsTerminated)
        {
            return reply;
        }

        var audit = new List<AuditEntry>();
        List<Issuance> issued = [];
        if (!state.Exists)
        {
            // Recording the termination of a license we lost keeps its old body from restoring it later.
            if (Restore(order.PreviousLicenseBody, audit) is not { } restored)
            {
                ForgetIfUnknown();
                return reply;
            }

            state = LicenseState.Empty.With(restored);
            issued.Add(restored);
        }

        audit.Add(Audit(KaCause(LicenseAction.Terminate), $"terminated as of {order.TerminationDate:yyyy-MM-dd}"));
        await Commit(state with { TerminatedOn = order.TerminationDate }, issued, audit);
        return reply;
    }

    public Task<LicenseReply> GetInfo(string productId)
    {
        var reply = LicenseRules.Usage(_state, PurchaseId, productId, catalog);
        ForgetIfUnknown();
        return Task.FromResult(reply);
    }

    public async Task<LicenseReply> ReportUsage(IReadOnlyDictionary<string, long> counters)
    {
        if (!LicenseRules.ReportUsage(_state, PurchaseId, counters, catalog).TryGetValue(out var usage, out var refusal))
        {
            ForgetIfUnknown();
            return refusal;
        }

        await Commit(
            _state with { Usage = usage },
            issued: [],
            [Audit("Operator usage report", string.Join(", ", counters.Select(c => $"{c.Key}={c.Value}")))],
            counters);
        return LicenseRules.Usage(_state, PurchaseId, _state.Current.ProductId, catalog);
    }

    public async Task<LicenseView?> Describe()
    {
        var state = _state;
        if (!state.Exists)
        {
            ForgetIfUnknown();
            return null;
        }

        var history = await store.History(PurchaseId);
        var current = state.Current;
        var counters = catalog.Find(current.ProductId)?.Counters ?? [];
        return new LicenseView(
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
            history.Issuances,
            history.Audit);
    }

    public async Task<LicenseReply> Issue(LicenseOrder order)
    {
        if (Issuance.CauseOf(order.Action) is not { } cause)
        {
            ForgetIfUnknown();
            return LicenseReply.Invalid($"{order.Action.Name()} issues no license body");
        }

        var state = _state;
        var known = state.Exists;
        var audit = new List<AuditEntry>();
        List<Issuance> issued = [];
        if (!known && order.Action != LicenseAction.Purchase && Restore(order.PreviousLicenseBody, audit) is { } restored)
        {
            // The restored body becomes history too, ahead of the one issued now, in the same write.
            state = LicenseState.Empty.With(restored);
            issued.Add(restored);
        }

        var archived = LicenseRules.MayRepeatArchived(state, order)
            ? await store.FindIssuance(PurchaseId, cause, order.ProductId, order.StartDate, order.ExpiryDate)
            : null;
        var decision = LicenseRules.Decide(state, order, catalog, keys.Issuer, time.GetUtcNow(), archived, options.Value.MaxIssuances);
        if (!decision.TryGetValue(out var claims, out var answer))
        {
            ForgetIfUnknown();
            return answer;
        }

        // B.5: for a known license the body KA holds is information only. Checked for new issuances alone: a
        // repeat carries the body from before the request it repeats, which is rightly not the latest.
        if (known && order.PreviousLicenseBody is { } previous && !previous.AsSpan().SequenceEqual(state.Current.Body))
        {
            LogPreviousBodyDiffers(PurchaseId, order.Action);
        }

        var body = keys.Sign(claims.ToJson());
        var issuance = Issuance.From(claims, cause, keys.ActiveKeyId, body);
        audit.Add(Audit(
            KaCause(order.Action),
            $"revision {issuance.Revision}: {issuance.ProductId} {issuance.StartDate:yyyy-MM-dd} to {issuance.ExpiryDate:yyyy-MM-dd}, key {issuance.KeyId}"));
        issued.Add(issuance);
        await Commit(state.With(issuance), issued, audit);
        LicensingTelemetry.LicensesIssued.Add(1, new TagList { { "action", order.Action.Name() }, { "product", order.ProductId } });
        return new LicenseReply(ReplyStatus.Issued, Body: body, ExpiresAt: issuance.ExpiresAt);
    }

    /// <summary>B.5: a license we lost comes back from a body we signed for this very PURCHASE_ID.</summary>
    private Issuance? Restore(byte[]? body, List<AuditEntry> audit)
    {
        if (body is null)
        {
            return null;
        }

        // A retired key still verifies (bodies from before a rotation are legitimate), so the issuer is what
        // tells a body of this service from one another service signed with a key both publish.
        var result = keys.Verify(body);
        var refused = !result.IsValid ? result.Failure.ToString()
            : result.Claims!.PurchaseId != PurchaseId ? "signed for another PURCHASE_ID"
            : !string.Equals(result.Claims.Issuer, keys.Issuer, StringComparison.Ordinal) ? $"issued by '{result.Claims.Issuer}', not '{keys.Issuer}'"
            : null;
        if (refused is not null)
        {
            LogRestoreRefused(PurchaseId, refused);
            return null;
        }

        LogRestored(PurchaseId, result.Claims!.Revision);
        audit.Add(Audit("Restore", $"from PREVIOUS_LICENSE_BODY revision {result.Claims.Revision} signed with key {result.KeyId}"));
        return Issuance.From(result.Claims, IssuanceCause.Restore, result.KeyId!, body);
    }

    /// <summary>The audit trail names a KA request by its action as KA spelled it.</summary>
    private static string KaCause(LicenseAction action) => "KA " + action.Name();

    private AuditEntry Audit(string cause, string detail) => new(time.GetUtcNow(), cause, detail);

    /// <summary>
    /// B.11: the grain takes on a state only once storage holds it. On failure the activation is dropped, because
    /// the stored version is no longer certain, and the caller gets an exception that crosses to the frontend.
    /// </summary>
    private async Task Commit(LicenseState next, IReadOnlyList<Issuance> issued, IReadOnlyList<AuditEntry> audit, IReadOnlyDictionary<string, long>? usage = null)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            _version = await store.Commit(new LicenseWrite(PurchaseId, _version, next, issued, audit, usage));
            _state = next;
            LicensingTelemetry.StorageWriteDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
        catch (Exception e)
        {
            DeactivateOnIdle();
            LogStorageFailed(e, PurchaseId);
            throw e as LicenseStorageException ?? new LicenseStorageException($"license {PurchaseId} could not be stored ({e.GetType().Name})");
        }
    }

    private void ForgetIfUnknown()
    {
        if (!_state.Exists)
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
