using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Licensing.Reporting;
using IsvLicensing.Verifier;

namespace Orleans.Licensing.Signing;

/// <summary>
/// B.13: signs, on whichever silo the caller reaches, a revocation document read straight from the license store,
/// so it lists every TERMINATE that has been answered. Frontends cache it until its next update.
/// </summary>
[StatelessWorker]
internal sealed class RevocationGrain(ILicenseQueries queries, SigningKeyRing keys, IOptions<RevocationOptions> options, TimeProvider time) : Grain, IRevocationGrain
{
    public async Task<RevocationDocument> GetDocument(CancellationToken cancellation)
    {
        // Whole seconds: the payload carries Unix seconds, and the frontend's cache headers must agree with it.
        var now = DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds());
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var expiringFrom = today.AddDays(-(int)Math.Ceiling(options.Value.ListedAfterExpiry.TotalDays));
        var terminated = await queries.Terminated(expiringFrom, cancellation);
        var list = new RevocationList(
            keys.Issuer,
            now,
            now + options.Value.UpdateInterval,
            terminated.Select(t => new RevokedLicense(t.PurchaseId, t.TerminatedOn)));
        return new RevocationDocument(keys.Sign(list.ToJson()), list.IssuedAt, list.NextUpdate);
    }
}
