namespace Orleans.Licensing.Reporting;

/// <summary>
/// Active days of one license within a report's period, per product. A day is active when some issued period
/// covers it (its effective start to its EXPIRY_DATE, both inclusive) and the license was not yet terminated;
/// where periods overlap (a RENEW starts before the last one expired, an UPGRADE re-issues the same dates) the
/// latest revision decides the product, so no day is ever counted twice.
/// </summary>
public static class BillingCalculator
{
    public static IEnumerable<BillingLine> Lines(
        string purchaseId, IReadOnlyList<BilledPeriod> periods, DateOnly? terminatedOn, DateOnly firstDay, DateOnly lastDay)
    {
        if (periods.Count == 0)
        {
            return [];
        }

        var byRevision = periods.OrderByDescending(p => p.Revision).ToArray();
        var from = Max(firstDay, periods.Min(p => p.EffectiveStart));
        var to = Min(lastDay, periods.Max(p => p.ExpiryDate));
        if (terminatedOn is { } terminated)
        {
            to = Min(to, terminated.AddDays(-1));
        }

        var days = new Dictionary<string, (int Count, DateOnly First, DateOnly Last)>(StringComparer.Ordinal);
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var covering = Array.Find(byRevision, p => p.EffectiveStart <= day && day <= p.ExpiryDate);
            if (covering is null)
            {
                continue;
            }

            days[covering.ProductId] = days.TryGetValue(covering.ProductId, out var seen)
                ? (seen.Count + 1, seen.First, day)
                : (1, day, day);
        }

        return days.OrderBy(d => d.Value.First).Select(d => new BillingLine(purchaseId, d.Key, d.Value.Count, d.Value.First, d.Value.Last));
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
