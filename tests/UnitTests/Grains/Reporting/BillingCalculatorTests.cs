using System.Diagnostics;
using CsCheck;
using Orleans.Licensing.Licenses;
using Orleans.Licensing.Reporting;

namespace Orleans.Licensing.UnitTests;

public sealed class BillingCalculatorTests
{
    private static readonly DateOnly March1 = new(2016, 3, 1);
    private static readonly DateOnly March31 = new(2016, 3, 31);
    private static readonly string[] Products = ["basic", "pro", "a,b"];

    private static BilledPeriod Period(int revision, IssuanceCause cause, string product, DateOnly start, DateOnly expiry, DateOnly? issued = null) =>
        new(revision, cause, product, start, expiry, new DateTimeOffset((issued ?? start).ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero));

    [Fact]
    public void A_license_covering_the_whole_month_is_active_every_day_of_it()
    {
        var lines = BillingCalculator.Lines("1", [Period(1, IssuanceCause.Purchase, "basic", new DateOnly(2016, 2, 20), new DateOnly(2016, 4, 30))], null, March1, March31).ToList();

        var line = Assert.Single(lines);
        Assert.Equal(("basic", 31, March1, March31), (line.ProductId, line.ActiveDays, line.FirstDay, line.LastDay));
    }

    [Fact]
    public void Overlapping_renewals_count_each_day_once()
    {
        var lines = BillingCalculator.Lines(
            "1",
            [
                Period(1, IssuanceCause.Purchase, "basic", new DateOnly(2016, 2, 20), new DateOnly(2016, 3, 10)),
                Period(2, IssuanceCause.Renew, "basic", new DateOnly(2016, 3, 5), new DateOnly(2016, 4, 15)),
            ],
            null,
            March1,
            March31).ToList();

        Assert.Equal(31, Assert.Single(lines).ActiveDays);
    }

    [Fact]
    public void A_gap_between_expiry_and_a_late_renewal_is_not_billed()
    {
        var lines = BillingCalculator.Lines(
            "1",
            [
                Period(1, IssuanceCause.Purchase, "basic", new DateOnly(2016, 2, 1), new DateOnly(2016, 3, 10)),
                Period(2, IssuanceCause.Renew, "basic", new DateOnly(2016, 3, 21), new DateOnly(2016, 4, 30)),
            ],
            null,
            March1,
            March31).ToList();

        Assert.Equal(10 + 11, Assert.Single(lines).ActiveDays);
    }

    [Fact]
    public void An_upgrade_switches_the_product_from_the_day_it_was_issued()
    {
        var lines = BillingCalculator.Lines(
            "1",
            [
                Period(1, IssuanceCause.Purchase, "basic", March1, new DateOnly(2016, 4, 10)),
                Period(2, IssuanceCause.Upgrade, "pro", March1, new DateOnly(2016, 4, 10), issued: new DateOnly(2016, 3, 11)),
            ],
            null,
            March1,
            March31).ToList();

        Assert.Equal([("basic", 10), ("pro", 21)], lines.Select(l => (l.ProductId, l.ActiveDays)));
    }

    [Fact]
    public void Days_from_the_termination_on_are_not_billed()
    {
        var lines = BillingCalculator.Lines("1", [Period(1, IssuanceCause.Purchase, "basic", March1, March31)], new DateOnly(2016, 3, 11), March1, March31).ToList();

        var line = Assert.Single(lines);
        Assert.Equal((10, new DateOnly(2016, 3, 10)), (line.ActiveDays, line.LastDay));
    }

    [Fact]
    public void A_license_outside_the_period_has_no_line()
    {
        Assert.Empty(BillingCalculator.Lines("1", [Period(1, IssuanceCause.Purchase, "basic", new DateOnly(2016, 5, 1), new DateOnly(2016, 6, 1))], null, March1, March31));
        Assert.Empty(BillingCalculator.Lines("1", [], null, March1, March31));
    }

    // ---- dates a release before the B.3 bound could store ----

    [Fact]
    public void A_license_spanning_every_storable_day_bills_the_period_without_overflow()
    {
        var all = Period(1, IssuanceCause.Purchase, "basic", DateOnly.MinValue, DateOnly.MaxValue);

        var line = Assert.Single(BillingCalculator.Lines("1", [all], null, DateOnly.MinValue, DateOnly.MaxValue));
        var month = Assert.Single(BillingCalculator.Lines("1", [all], null, March1, March31));

        Assert.Equal((DateOnly.MaxValue.DayNumber + 1, DateOnly.MinValue, DateOnly.MaxValue), (line.ActiveDays, line.FirstDay, line.LastDay));
        Assert.Equal(31, month.ActiveDays);
    }

    [Fact]
    public void A_termination_on_the_first_storable_day_bills_nothing()
    {
        var all = Period(1, IssuanceCause.Purchase, "basic", DateOnly.MinValue, DateOnly.MaxValue);

        Assert.Empty(BillingCalculator.Lines("1", [all], DateOnly.MinValue, March1, March31));
        Assert.Empty(BillingCalculator.Lines("1", [all], DateOnly.MinValue, DateOnly.MinValue, DateOnly.MaxValue));
    }

    [Fact]
    public void Periods_and_terminations_at_the_last_storable_day_are_billed_to_it()
    {
        var late = Period(1, IssuanceCause.Purchase, "basic", DateOnly.MaxValue.AddDays(-9), DateOnly.MaxValue);
        var upgraded = Period(2, IssuanceCause.Upgrade, "pro", DateOnly.MaxValue.AddDays(-9), DateOnly.MaxValue, issued: DateOnly.MaxValue);

        var line = Assert.Single(BillingCalculator.Lines("1", [late], DateOnly.MaxValue, DateOnly.MinValue, DateOnly.MaxValue));
        var lines = BillingCalculator.Lines("1", [late, upgraded], null, DateOnly.MaxValue.AddDays(-1), DateOnly.MaxValue).ToList();

        Assert.Equal((9, DateOnly.MaxValue.AddDays(-1)), (line.ActiveDays, line.LastDay));
        Assert.Equal([("basic", 1), ("pro", 1)], lines.Select(l => (l.ProductId, l.ActiveDays)));
    }

    [Fact]
    public void The_time_follows_the_periods_not_the_length_of_the_report()
    {
        var periods = Enumerable.Range(1, 200)
            .Select(i => Period(i, i % 7 == 0 ? IssuanceCause.Upgrade : IssuanceCause.Renew, i % 2 == 0 ? "pro" : "basic", DateOnly.MinValue.AddDays(i * 10_000), DateOnly.MaxValue.AddDays(-i * 10_000)))
            .ToList();
        var clock = Stopwatch.StartNew();

        for (var i = 0; i < 100; i++)
        {
            Assert.NotEmpty(BillingCalculator.Lines("1", periods, null, DateOnly.MinValue, DateOnly.MaxValue));
        }

        // Day by day, this was 3.6 million days times 200 periods, a hundred times over: hours, not milliseconds.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Property_the_lines_equal_a_day_by_day_count()
    {
        var origin = new DateOnly(2016, 1, 1);
        var period = Gen.Select(Gen.Int[0, 120], Gen.Int[-5, 60], Gen.Int[0, 2], Gen.Int[0, 2], Gen.Int[-10, 80])
            .Select((start, length, cause, product, issued) => (start, length, cause, product, issued));
        var gen = Gen.Select(period.List[0, 6], Gen.Int[-1, 130], Gen.Int[-10, 130], Gen.Int[0, 100]);
        gen.Sample(
            (specs, terminated, first, length) =>
            {
                var periods = specs
                    .Select((p, i) => Period(
                        i + 1,
                        (IssuanceCause)p.cause,
                        Products[p.product],
                        origin.AddDays(p.start),
                        origin.AddDays(p.start + p.length),
                        origin.AddDays(p.start + p.issued)))
                    .Reverse()
                    .ToList();
                DateOnly? terminatedOn = terminated < 0 ? null : origin.AddDays(terminated);
                var firstDay = origin.AddDays(first);
                var lastDay = firstDay.AddDays(length);

                Assert.Equal(
                    DayByDay("1", periods, terminatedOn, firstDay, lastDay),
                    BillingCalculator.Lines("1", periods, terminatedOn, firstDay, lastDay).ToList());
            },
            iter: 20_000);
    }

    /// <summary>The calculator as it was before interval arithmetic: one day at a time, obviously right.</summary>
    private static List<BillingLine> DayByDay(string purchaseId, IReadOnlyList<BilledPeriod> periods, DateOnly? terminatedOn, DateOnly firstDay, DateOnly lastDay)
    {
        var byRevision = periods.OrderByDescending(p => p.Revision).ToArray();
        var days = new Dictionary<string, (int Count, DateOnly First, DateOnly Last)>(StringComparer.Ordinal);
        for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
        {
            if (terminatedOn is { } terminated && day >= terminated)
            {
                break;
            }

            var covering = Array.Find(byRevision, p => p.EffectiveStart <= day && day <= p.ExpiryDate);
            if (covering is not null)
            {
                days[covering.ProductId] = days.TryGetValue(covering.ProductId, out var seen) ? (seen.Count + 1, seen.First, day) : (1, day, day);
            }
        }

        return days.OrderBy(d => d.Value.First).Select(d => new BillingLine(purchaseId, d.Key, d.Value.Count, d.Value.First, d.Value.Last)).ToList();
    }
}
