namespace Orleans.Licensing.Reporting;

/// <summary>
/// Active days of one license within a report's period, per product. A day is active when some issued period
/// covers it (its effective start to its EXPIRY_DATE, both inclusive) and the license was not yet terminated;
/// where periods overlap (a RENEW starts before the last one expired, an UPGRADE re-issues the same dates) the
/// latest revision decides the product, so no day is ever counted twice.
/// </summary>
/// <remarks>
/// Works on day numbers and whole intervals, never day by day: the cost follows the license's periods, not the
/// length of the report's period, and no date arithmetic can leave <see cref="DateOnly"/>'s range, whatever a
/// release before the date bound (<see cref="LicenseDateBounds"/>) stored.
/// </remarks>
public static class BillingCalculator
{
    public static IEnumerable<BillingLine> Lines(
        string purchaseId, IReadOnlyList<BilledPeriod> periods, DateOnly? terminatedOn, DateOnly firstDay, DateOnly lastDay)
    {
        if (periods.Count == 0)
        {
            return [];
        }

        // Inclusive day numbers; the day before a termination on DateOnly.MinValue is -1, which bills nothing.
        var from = firstDay.DayNumber;
        var to = lastDay.DayNumber;
        if (terminatedOn is { } terminated)
        {
            to = Math.Min(to, terminated.DayNumber - 1);
        }

        // Days already decided by a later revision, as disjoint intervals in order.
        var decided = new List<(int First, int Last)>();
        var products = new Dictionary<string, (int Count, int First, int Last)>(StringComparer.Ordinal);
        foreach (var period in periods.OrderByDescending(p => p.Revision))
        {
            var first = Math.Max(from, period.EffectiveStart.DayNumber);
            var last = Math.Min(to, period.ExpiryDate.DayNumber);
            if (first > last)
            {
                continue;
            }

            foreach (var (gapFirst, gapLast) in Undecided(decided, first, last))
            {
                var count = gapLast - gapFirst + 1;
                products[period.ProductId] = products.TryGetValue(period.ProductId, out var seen)
                    ? (seen.Count + count, Math.Min(seen.First, gapFirst), Math.Max(seen.Last, gapLast))
                    : (count, gapFirst, gapLast);
            }

            Decide(decided, first, last);
        }

        return products
            .OrderBy(p => p.Value.First)
            .Select(p => new BillingLine(purchaseId, p.Key, p.Value.Count, DateOnly.FromDayNumber(p.Value.First), DateOnly.FromDayNumber(p.Value.Last)))
            .ToList();
    }

    /// <summary>The parts of [first, last] no interval of <paramref name="decided"/> covers.</summary>
    private static List<(int First, int Last)> Undecided(List<(int First, int Last)> decided, int first, int last)
    {
        var gaps = new List<(int First, int Last)>();
        var next = first;
        foreach (var (takenFirst, takenLast) in decided)
        {
            if (takenLast < next)
            {
                continue;
            }

            if (takenFirst > last)
            {
                break;
            }

            if (takenFirst > next)
            {
                gaps.Add((next, takenFirst - 1));
            }

            next = takenLast + 1;
            if (next > last)
            {
                return gaps;
            }
        }

        gaps.Add((next, last));
        return gaps;
    }

    /// <summary>Adds [first, last] to <paramref name="decided"/>, merging what it overlaps or touches.</summary>
    private static void Decide(List<(int First, int Last)> decided, int first, int last)
    {
        var index = 0;
        while (index < decided.Count && decided[index].Last < first - 1)
        {
            index++;
        }

        while (index < decided.Count && decided[index].First <= last + 1)
        {
            first = Math.Min(first, decided[index].First);
            last = Math.Max(last, decided[index].Last);
            decided.RemoveAt(index);
        }

        decided.Insert(index, (first, last));
    }
}
