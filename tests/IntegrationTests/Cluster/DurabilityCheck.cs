using System.Globalization;

namespace Orleans.Licensing.IntegrationTests.Cluster;

/// <summary>Compares every 200 the driver got with what the database holds.</summary>
internal static class DurabilityCheck
{
    /// <summary>
    /// Lost: a 200 whose body and expiry the stored license does not hold, or a 200 TERMINATE on a license
    /// stored as not terminated. Doubled: one request applied twice (two issuances for the same action, product and dates).
    /// </summary>
    public static (int Lost, int Doubled, List<string> Details) Compare(IEnumerable<AnsweredRequest> answers, IReadOnlyDictionary<string, StoredLicenseHistory> stored)
    {
        var details = new List<string>();
        var lost = 0;
        foreach (var answered in answers)
        {
            stored.TryGetValue(answered.PurchaseId, out var state);
            var durable = answered.Action switch
            {
                KaAction.Purchase or KaAction.Renew or KaAction.Upgrade or KaAction.Replay => state?.Issuances.Any(i =>
                    i.Body.AsSpan().SequenceEqual(answered.Answer.Body)
                    && i.ExpiresAt == DateTimeOffset.Parse(answered.Answer.Expiration!, CultureInfo.InvariantCulture)) ?? false,
                KaAction.Terminate => state?.IsTerminated ?? false,
                _ => state is not null,
            };
            if (!durable)
            {
                lost++;
                details.Add($"lost: {answered.PurchaseId} {answered.Action}");
            }
        }

        var doubled = 0;
        foreach (var (id, state) in stored)
        {
            foreach (var group in state.Issuances.GroupBy(i => (i.Cause, i.ProductId, i.StartDate, i.ExpiryDate)).Where(g => g.Count() > 1))
            {
                doubled++;
                details.Add($"doubled: {id} {group.Key}");
            }
        }

        return (lost, doubled, details);
    }
}
