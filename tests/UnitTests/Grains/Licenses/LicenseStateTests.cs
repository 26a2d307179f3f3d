using Orleans.Licensing.Licenses;

namespace Orleans.Licensing.UnitTests;

public sealed class LicenseStateTests
{
    private static readonly DateOnly Start = new(2016, 3, 12);

    [Fact]
    public void The_state_keeps_the_latest_issuances_and_counts_them_all()
    {
        var state = LicenseState.Empty;
        for (var revision = 1; revision <= 10; revision++)
        {
            state = state.With(LicenseRulesTests.Issued(
                revision, revision == 1 ? IssuanceCause.Purchase : IssuanceCause.Renew, TestCatalog.Basic, Start.AddMonths(revision), Start.AddMonths(revision + 1)));
        }

        Assert.Equal(10, state.IssuanceCount);
        Assert.Equal(Enumerable.Range(11 - LicenseState.RecentIssuances, LicenseState.RecentIssuances), state.Issuances.Select(i => i.Revision));
        Assert.Equal(10, state.Current.Revision);
        Assert.True(state.HasArchivedIssuances);
    }

    [Fact]
    public void A_young_license_keeps_every_issuance()
    {
        var state = LicenseState.Empty
            .With(LicenseRulesTests.Issued(1, IssuanceCause.Purchase, TestCatalog.Basic, Start, Start.AddMonths(1)))
            .With(LicenseRulesTests.Issued(2, IssuanceCause.Upgrade, TestCatalog.Pro, Start, Start.AddMonths(1)));

        Assert.Equal(2, state.IssuanceCount);
        Assert.Equal([1, 2], state.Issuances.Select(i => i.Revision));
        Assert.False(state.HasArchivedIssuances);
    }
}
