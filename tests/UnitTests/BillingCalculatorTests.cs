using Orleans.Licensing.Licenses;
using Orleans.Licensing.Reporting;

namespace Orleans.Licensing.UnitTests;

public sealed class BillingCalculatorTests
{
    private static readonly DateOnly March1 = new(2016, 3, 1);
    private static readonly DateOnly March31 = new(2016, 3, 31);

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
}
