using System.Collections.Immutable;
using System.Text;
using IsvLicensing.Verifier;
using Orleans.Licensing.Catalog;
using Orleans.Licensing.Licenses;

namespace Orleans.Licensing.UnitTests;

public sealed class LicenseRulesTests
{
    private const string Id = "12345678";
    private const string Issuer = "test-issuer";

    private static readonly ProductCatalog Catalog = TestCatalog.Create();

    // The guide's lifecycle: bought 12 Mar 2016, renewed 12 Apr and 12 May, each period + 10 days.
    private static readonly DateOnly Mar12 = new(2016, 3, 12);
    private static readonly DateOnly Apr12 = new(2016, 4, 12);
    private static readonly DateOnly Apr22 = new(2016, 4, 22);
    private static readonly DateOnly May12 = new(2016, 5, 12);
    private static readonly DateOnly May22 = new(2016, 5, 22);
    private static readonly DateOnly Jun22 = new(2016, 6, 22);

    private static readonly DateTimeOffset PurchasedAt = new(2016, 3, 12, 15, 2, 10, 678, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = new(2016, 4, 12, 9, 30, 0, TimeSpan.Zero);

    // ---- PURCHASE ----

    [Fact]
    public void Purchase_of_a_new_license_issues_revision_1_with_the_orders_claims()
    {
        var order = Order(TestCatalog.Basic, Mar12, Apr22, test: true) with
        {
            RegName = "54321", ActivationData = "example.com", SubscriptionDate = Mar12, PurchaseDate = Mar12,
        };

        var decision = Decide(LicenseState.Empty, LicenseAction.Purchase, order, Catalog, Issuer, PurchasedAt);

        var claims = decision.Proceeds();
        Assert.Equal(Issuer, claims.Issuer);
        Assert.Equal(Id, claims.PurchaseId);
        Assert.Equal(1, claims.Revision);
        Assert.Equal(TestCatalog.Basic, claims.ProductId);
        Assert.Equal("Basic", claims.Edition);
        Assert.Equal(Catalog.Find(TestCatalog.Basic)!.Features, claims.Features);
        Assert.True(claims.Test);
        Assert.Equal("54321", claims.RegName);
        Assert.Equal("example.com", claims.Activation);
        Assert.Equal(Mar12, claims.SubscriptionDate);
        Assert.Equal(Mar12, claims.StartDate);
        Assert.Equal(Apr22, claims.ExpiryDate);
        Assert.Equal(new DateTimeOffset(2016, 4, 22, 15, 2, 10, TimeSpan.Zero), claims.ExpiresAt);
        Assert.Equal(TimeSpan.Zero, claims.ExpiresAt.Offset);
        Assert.Equal(new DateTimeOffset(2016, 3, 12, 15, 2, 10, TimeSpan.Zero), claims.IssuedAt);
    }

    [Fact]
    public void Purchase_repeated_with_the_same_product_and_dates_returns_the_stored_body_and_expiry()
    {
        var stored = Issued(1, IssuanceCause.Purchase, TestCatalog.Basic, Mar12, Apr22);
        var state = LicenseState.Empty with { Issuances = [stored] };

        // Much later, with other incidental fields: still the same request.
        var decision = Decide(
            state, LicenseAction.Purchase, Order(TestCatalog.Basic, Mar12, Apr22) with { RegName = "other" }, Catalog, Issuer, Later.AddYears(1));

        var answer = decision.Ends();
        Assert.Equal(ReplyStatus.Repeated, answer.Status);
        Assert.Same(stored.Body, answer.Body);
        Assert.Equal(stored.ExpiresAt, answer.ExpiresAt);
    }

    [Theory]
    [InlineData(TestCatalog.Basic, "2016-03-12", "2016-04-23")]
    [InlineData(TestCatalog.Basic, "2016-03-13", "2016-04-22")]
    [InlineData(TestCatalog.Pro, "2016-03-12", "2016-04-22")]
    public void Purchase_for_an_existing_license_that_is_not_a_repeat_is_a_conflict(string product, string start, string expiry)
    {
        var state = LicenseState.Empty with { Issuances = [Issued(1, IssuanceCause.Purchase, TestCatalog.Basic, Mar12, Apr22)] };

        var decision = Decide(
            state, LicenseAction.Purchase, Order(product, DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(expiry, System.Globalization.CultureInfo.InvariantCulture)), Catalog, Issuer, Later);

        AssertReply(decision, ReplyStatus.Conflict);
    }

    [Fact]
    public void Purchase_of_a_product_the_catalog_does_not_know_is_invalid()
    {
        var decision = Decide(LicenseState.Empty, LicenseAction.Purchase, Order("gone", Mar12, Apr22), Catalog, Issuer, PurchasedAt);

        var answer = AssertReply(decision, ReplyStatus.Invalid);
        Assert.Contains("gone", answer.Message, StringComparison.Ordinal);
    }

    // ---- RENEW ----

    [Theory]
    [InlineData(LicenseAction.Renew)]
    [InlineData(LicenseAction.Upgrade)]
    public void Renew_or_upgrade_of_an_unknown_license_is_not_found(LicenseAction action)
    {
        var decision = Decide(LicenseState.Empty, action, Order(TestCatalog.Pro, Apr12, May22), Catalog, Issuer, Later);

        AssertReply(decision, ReplyStatus.NotFound);
    }

    [Fact]
    public void Renew_issues_the_next_revision_for_the_new_period()
    {
        var state = LicenseState.Empty with { Issuances = [Issued(1, IssuanceCause.Purchase, TestCatalog.Basic, Mar12, Apr22)] };

        var decision = Decide(state, LicenseAction.Renew, Order(TestCatalog.Basic, Apr12, May22), Catalog, Issuer, Later);

        var claims = decision.Proceeds();
        Assert.Equal(2, claims.Revision);
        Assert.Equal(Apr12, claims.StartDate);
        Assert.Equal(May22, claims.ExpiryDate);
        Assert.Equal(new DateTimeOffset(2016, 5, 22, 9, 30, 0, TimeSpan.Zero), claims.ExpiresAt);
    }

    [Fact]
    public void Renew_keeps_REG_NAME_activation_and_subscription_date_when_the_order_omits_them()
    {
        var purchase = Issued(1, IssuanceCause.Purchase, TestCatalog.Basic, Mar12, Apr22) with
        {
            RegName = "54321", ActivationData = "example.com", SubscriptionDate = Mar12,
        };
        var state = LicenseState.Empty with { Issuances = [purchase] };

        var claims = Decide(state, LicenseAction.Renew, Order(TestCatalog.Basic, Apr12, May22), Catalog, Issuer, Later).Proceeds();

        Assert.Equal("54321", claims.RegName);
        Assert.Equal("example.com", claims.Activation);
        Assert.Equal(Mar12, claims.SubscriptionDate);
    }

    [Fact]
    public void A_stale_renew_whose_expiry_is_earlier_than_the_current_one_is_a_conflict()
    {
        var state = LicenseState.Empty with
        {
            Issuances =
            [
                Issued(1, IssuanceCause.Purchase, TestCatalog.Basic, Mar12, Apr22),
                Issued(2, IssuanceCause.Renew, TestCatalog.Basic, Apr12, May22),
            ],
        };

        var decision = Decide(state, LicenseAction.Renew, Order(TestCatalog.Basic, Apr12, May22.AddDays(-1)), Catalog, Issuer, Later);

        var answer = AssertReply(decision, ReplyStatus.Conflict);
        Assert.Contains("EXPIRY_DATE", answer.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_renew_that_starts_after_the_license_lapsed_is_accepted()
    {
        var state = LicenseState.Empty with { Issuances = [Issued(1, IssuanceCause.Purchase, TestCatalog.Basic, Mar12, Apr22)] };
        var start = new DateOnly(2016, 6, 1);
        var expiry = new DateOnly(2016, 7, 11);

        var decision = Decide(state, LicenseAction.Renew, Order(TestCatalog.Basic, start, expiry), Catalog, Issuer, Later.AddMonths(2));

        var claims = decision.Proceeds();
        Assert.Equal(2, claims.Revision);
        Assert.Equal(start, claims.StartDate);
        Assert.Equal(expiry, claims.ExpiryDate);
    }

    [Fact]
    public void Repeat_of_an_older_renewal_after_a_newer_one_returns_the_older_body()
    {
        var first = Issued(2, IssuanceCause.Renew, TestCatalog.Basic, Apr12, May22);
        var second = Issued(3, IssuanceCause.Renew, TestCatalog.Basic, May12, Jun22);
        var state = LicenseState.Empty with { Issuances = [Issued(1, IssuanceCause.Purchase, TestCatalog.Basic, Mar12, Apr22), first, second] };

        var decision = Decide(state, LicenseAction.Renew, Order(TestCatalog.Basic, Apr12, May22), Catalog, Issuer, Later.AddMonths(3));

        var answer = AssertReply(decision, ReplyStatus.Repeated);
        Assert.Same(first.Body, answer.Body);
        Assert.Equal(first.ExpiresAt, answer.ExpiresAt);
    }

    [Fact]
    public void A_renew_is_not_a_repeat_of_the_purchase_with_the_same_dates()
    {
        var state = LicenseState.Empty with { Issuances = [Issued(1, IssuanceCause.Purchase, TestCatalog.Basic, Mar12, Apr22)] };

        var decision = Decide(state, LicenseAction.Renew, Order(TestCatalog.Basic, Mar12, Apr22), Catalog, Issuer, Later);

        decision.Proceeds();
        Assert.Equal(2, decision.Proceeds().Revision);
    }

    // ---- the test flag (B.4) ----

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_test_flag_is_remembered_from_the_purchase_whatever_later_orders_say(bool test)
    {
        var state = LicenseState.Empty;
        (state, _) = Apply(state, LicenseAction.Purchase, Order(TestCatalog.Basic, Mar12, Apr22, test));
        (state, var renewal) = Apply(state, LicenseAction.Renew, Order(TestCatalog.Basic, Apr12, May22, !test));
        (_, var upgrade) = Apply(state, LicenseAction.Upgrade, Order(TestCatalog.Pro, Apr12, May22, !test));

        Assert.Equal(test, renewal.Proceeds().Test);
        Assert.Equal(test, upgrade.Proceeds().Test);
    }

    // ---- termination ----

    [Theory]
    [InlineData(LicenseAction.Purchase, TestCatalog.Basic, "2016-03-12", "2016-04-22")]
    [InlineData(LicenseAction.Renew, TestCatalog.Basic, "2016-04-12", "2016-05-22")]
    [InlineData(LicenseAction.Renew, TestCatalog.Basic, "2016-05-12", "2016-06-22")]
    [InlineData(LicenseAction.Upgrade, TestCatalog.Pro, "2016-04-12", "2016-05-22")]
    [InlineData(LicenseAction.Upgrade, TestCatalog.Pro, "2016-05-12", "2016-06-22")]
    [InlineData(LicenseAction.Purchase, TestCatalog.Pro, "2016-09-20", "2016-10-30")]
    public void Anything_on_a_terminated_license_is_a_conflict_repeats_included(LicenseAction action, string product, string start, string expiry)
    {
        // The first four rows repeat requests that were applied before the termination.
        var state = LicenseState.Empty with
        {
            Issuances =
            [
                Issued(1, IssuanceCause.Purchase, TestCatalog.Basic, Mar12, Apr22),
                Issued(2, IssuanceCause.Renew, TestCatalog.Basic, Apr12, May22),
                Issued(3, IssuanceCause.Upgrade, TestCatalog.Pro, Apr12, May22),
            ],
            TerminatedOn = new DateOnly(2016, 9, 18),
        };
        var order = Order(product, DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(expiry, System.Globalization.CultureInfo.InvariantCulture));

        var answer = AssertReply(Decide(state, action, order, Catalog, Issuer, Later.AddMonths(6)), ReplyStatus.Conflict);

        Assert.Contains("terminated", answer.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_termination_recorded_for_an_unknown_license_blocks_a_later_purchase()
    {
        var state = LicenseState.Empty with { TerminatedOn = new DateOnly(2016, 9, 18) };

        AssertReply(Decide(state, LicenseAction.Purchase, Order(TestCatalog.Basic, Mar12, Apr22), Catalog, Issuer, Later), ReplyStatus.Conflict);
    }

    // ---- UPGRADE ----

    [Fact]
    public void Upgrade_to_a_product_in_UpgradableTo_issues_the_new_edition_with_unchanged_dates()
    {
        var state = LicenseState.Empty with { Issuances = [Issued(1, IssuanceCause.Purchase, TestCatalog.Basic, Mar12, Apr22)] };

        var claims = Decide(state, LicenseAction.Upgrade, Order(TestCatalog.Pro, Mar12, Apr22), Catalog, Issuer, Later).Proceeds();

        Assert.Equal(TestCatalog.Pro, claims.ProductId);
        Assert.Equal("Pro", claims.Edition);
        Assert.Equal(2, claims.Revision);
        Assert.Equal(Apr22, claims.ExpiryDate);
    }

    [Fact]
    public void Upgrade_to_a_product_not_in_UpgradableTo_is_a_conflict()
    {
        var state = LicenseState.Empty with { Issuances = [Issued(1, IssuanceCause.Purchase, TestCatalog.Basic, Mar12, Apr22)] };

        var answer = AssertReply(
            Decide(state, LicenseAction.Upgrade, Order(TestCatalog.Flat, Mar12, Apr22), Catalog, Issuer, Later), ReplyStatus.Conflict);

        Assert.Contains(TestCatalog.Flat, answer.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2016-03-12", "2016-04-22")]
    [InlineData("2016-04-12", "2016-05-22")]
    public void Upgrade_to_the_product_the_license_is_already_on_is_a_conflict(string start, string expiry)
    {
        var state = LicenseState.Empty with { Issuances = [Issued(1, IssuanceCause.Purchase, TestCatalog.Basic, Mar12, Apr22)] };
        var order = Order(TestCatalog.Basic, DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(expiry, System.Globalization.CultureInfo.InvariantCulture));

        AssertReply(Decide(state, LicenseAction.Upgrade, order, Catalog, Issuer, Later), ReplyStatus.Conflict);
    }

    [Fact]
    public void Basic_Pro_Basic_Pro_with_unchanged_dates_is_three_upgrades_and_only_an_immediate_retry_repeats()
    {
        var state = LicenseState.Empty;
        (state, _) = Apply(state, LicenseAction.Purchase, Order(TestCatalog.Basic, Mar12, Apr22));
        (state, var toPro) = Apply(state, LicenseAction.Upgrade, Order(TestCatalog.Pro, Mar12, Apr22));
        (state, var toBasic) = Apply(state, LicenseAction.Upgrade, Order(TestCatalog.Basic, Mar12, Apr22));
        (state, var toProAgain) = Apply(state, LicenseAction.Upgrade, Order(TestCatalog.Pro, Mar12, Apr22));
        var (after, retry) = Apply(state, LicenseAction.Upgrade, Order(TestCatalog.Pro, Mar12, Apr22));

        Assert.Equal(2, toPro.Proceeds().Revision);
        Assert.Equal(3, toBasic.Proceeds().Revision);
        Assert.Equal(4, toProAgain.Proceeds().Revision);
        Assert.Equal(TestCatalog.Pro, toProAgain.Proceeds().ProductId);

        var answer = AssertReply(retry, ReplyStatus.Repeated);
        Assert.Equal(state.Current.Body, answer.Body);
        Assert.Equal(4, state.Current.Revision);
        Assert.Same(state, after);
    }

    [Fact]
    public void FindRepeat_finds_an_upgrade_only_while_the_license_is_on_its_product()
    {
        var state = LicenseState.Empty with
        {
            Issuances =
            [
                Issued(1, IssuanceCause.Purchase, TestCatalog.Basic, Mar12, Apr22),
                Issued(2, IssuanceCause.Upgrade, TestCatalog.Pro, Mar12, Apr22),
                Issued(3, IssuanceCause.Upgrade, TestCatalog.Basic, Mar12, Apr22),
            ],
        };

        Assert.Null(LicenseRules.FindRepeat(state, Order(LicenseAction.Upgrade, TestCatalog.Pro, Mar12, Apr22)));
        Assert.Equal(3, LicenseRules.FindRepeat(state, Order(LicenseAction.Upgrade, TestCatalog.Basic, Mar12, Apr22))?.Revision);
        Assert.Equal(1, LicenseRules.FindRepeat(state, Order(LicenseAction.Purchase, TestCatalog.Basic, Mar12, Apr22))?.Revision);
        Assert.Null(LicenseRules.FindRepeat(state, Order(LicenseAction.Renew, TestCatalog.Basic, Mar12, Apr22)));
        Assert.Null(LicenseRules.FindRepeat(LicenseState.Empty, Order(LicenseAction.Purchase, TestCatalog.Basic, Mar12, Apr22)));
    }

    [Fact]
    public void FindRepeat_picks_the_latest_of_several_matching_issuances()
    {
        var older = Issued(2, IssuanceCause.Renew, TestCatalog.Basic, Apr12, May22);
        var newer = Issued(3, IssuanceCause.Renew, TestCatalog.Basic, Apr12, May22);
        var state = LicenseState.Empty with { Issuances = [Issued(1, IssuanceCause.Purchase, TestCatalog.Basic, Mar12, Apr22), older, newer] };

        Assert.Same(newer, LicenseRules.FindRepeat(state, Order(LicenseAction.Renew, TestCatalog.Basic, Apr12, May22)));
    }

    // ---- ExpiresAt (B.6) ----

    [Fact]
    public void ExpiresAt_is_the_expiry_date_at_the_UTC_time_of_day_of_issue_truncated_to_seconds()
    {
        var now = new DateTimeOffset(2016, 3, 12, 15, 2, 10, TimeSpan.Zero).AddTicks(9_999_999);

        Assert.Equal(new DateTimeOffset(2016, 4, 22, 15, 2, 10, TimeSpan.Zero), LicenseRules.ExpiresAt(Apr22, now));
    }

    [Fact]
    public void ExpiresAt_uses_the_UTC_time_of_day_whatever_the_offset_of_now()
    {
        // 01:00 at +02:00 is 23:00 UTC of the previous day.
        var now = new DateTimeOffset(2016, 3, 13, 1, 0, 0, TimeSpan.FromHours(2));

        var expiresAt = LicenseRules.ExpiresAt(Apr22, now);

        Assert.Equal(new DateTimeOffset(2016, 4, 22, 23, 0, 0, TimeSpan.Zero), expiresAt);
        Assert.Equal(TimeSpan.Zero, expiresAt.Offset);
    }

    [Fact]
    public void ExpiresAt_is_never_before_the_expiry_date()
    {
        var expiresAt = LicenseRules.ExpiresAt(Apr22, new DateTimeOffset(2016, 3, 12, 0, 0, 0, 400, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2016, 4, 22, 0, 0, 0, TimeSpan.Zero), expiresAt);
        Assert.Equal(Apr22, DateOnly.FromDateTime(expiresAt.UtcDateTime));
    }

    // ---- Usage (B.9) ----

    [Fact]
    public void Usage_of_an_unknown_license_is_not_found()
    {
        Assert.Equal(ReplyStatus.NotFound, LicenseRules.Usage(LicenseState.Empty, Id, TestCatalog.Basic, Catalog).Status);
    }

    [Fact]
    public void Usage_of_a_terminated_license_is_a_conflict()
    {
        var state = LicenseState.Empty with
        {
            Issuances = [Issued(1, IssuanceCause.Purchase, TestCatalog.Basic, Mar12, Apr22)],
            TerminatedOn = new DateOnly(2016, 9, 18),
        };

        Assert.Equal(ReplyStatus.Conflict, LicenseRules.Usage(state, Id, TestCatalog.Basic, Catalog).Status);
    }

    [Fact]
    public void Usage_for_a_model_2_product_is_invalid()
    {
        var state = LicenseState.Empty with { Issuances = [Issued(1, IssuanceCause.Purchase, TestCatalog.Flat, Mar12, Apr22)] };

        var reply = LicenseRules.Usage(state, Id, TestCatalog.Flat, Catalog);

        Assert.Equal(ReplyStatus.Invalid, reply.Status);
        Assert.Contains(TestCatalog.Flat, reply.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Usage_lists_every_counter_in_catalog_order_with_0_for_those_never_reported()
    {
        var state = LicenseState.Empty with
        {
            Issuances = [Issued(1, IssuanceCause.Purchase, TestCatalog.Basic, Mar12, Apr22)],
            Usage = ImmutableDictionary<string, long>.Empty.Add("usedClusters", 4),
        };

        var reply = LicenseRules.Usage(state, Id, TestCatalog.Basic, Catalog);

        Assert.Equal(ReplyStatus.Usage, reply.Status);
        Assert.Equal([new UsageCounter("usedAccounts", 0), new UsageCounter("usedClusters", 4)], reply.Usage);
    }

    // ---- ReportUsage ----

    [Fact]
    public void ReportUsage_merges_valid_counters_into_the_stored_usage()
    {
        var state = ReportableState() with
        {
            Usage = ImmutableDictionary<string, long>.Empty.Add("usedAccounts", 20).Add("usedClusters", 4),
        };

        var usage = LicenseRules.ReportUsage(state, Id, new Dictionary<string, long> { ["usedClusters"] = 7 }, Catalog).Proceeds();

        Assert.Equal(20, usage["usedAccounts"]);
        Assert.Equal(7, usage["usedClusters"]);
        Assert.Equal(2, usage.Count);
    }

    [Fact]
    public void ReportUsage_accepts_zero()
    {
        var usage = LicenseRules.ReportUsage(ReportableState(), Id, new Dictionary<string, long> { ["usedAccounts"] = 0 }, Catalog).Proceeds();

        Assert.Equal(0, usage["usedAccounts"]);
    }

    [Fact]
    public void ReportUsage_of_an_unknown_counter_is_invalid_and_names_it()
    {
        var state = ReportableState();

        var error = LicenseRules.ReportUsage(
            state, Id, new Dictionary<string, long> { ["usedAccounts"] = 3, ["bogusCounter"] = 1 }, Catalog).Ends();

        Assert.Equal(ReplyStatus.Invalid, error.Status);
        Assert.Contains("bogusCounter", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportUsage_of_a_negative_value_is_invalid()
    {
        var error = LicenseRules.ReportUsage(ReportableState(), Id, new Dictionary<string, long> { ["usedClusters"] = -1 }, Catalog).Ends();

        Assert.Equal(ReplyStatus.Invalid, error.Status);
        Assert.Contains("usedClusters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportUsage_with_no_counters_is_invalid()
    {
        var error = LicenseRules.ReportUsage(ReportableState(), Id, new Dictionary<string, long>(), Catalog).Ends();

        Assert.Equal(ReplyStatus.Invalid, error.Status);
    }

    [Fact]
    public void ReportUsage_for_an_unknown_or_terminated_license_or_a_model_2_product_is_refused()
    {
        var counters = new Dictionary<string, long> { ["usedAccounts"] = 1 };
        var flat = LicenseState.Empty with { Issuances = [Issued(1, IssuanceCause.Purchase, TestCatalog.Flat, Mar12, Apr22)] };

        Assert.Equal(ReplyStatus.NotFound, LicenseRules.ReportUsage(LicenseState.Empty, Id, counters, Catalog).Ends().Status);
        Assert.Equal(ReplyStatus.Conflict, LicenseRules.ReportUsage(ReportableState() with { TerminatedOn = Apr12 }, Id, counters, Catalog).Ends().Status);
        Assert.Equal(ReplyStatus.Invalid, LicenseRules.ReportUsage(flat, Id, counters, Catalog).Ends().Status);
    }

    // ---- B.3's catalog rules, checked here once for every action ----

    [Theory]
    [InlineData("noSuchProduct")]
    [InlineData("SomeProduct1")] // matched exactly
    public void A_PRODUCT_ID_the_catalog_does_not_know_is_invalid_and_named(string productId)
    {
        var refusal = LicenseRules.FindProduct(Catalog, productId).Ends();

        Assert.Equal(ReplyStatus.Invalid, refusal.Status);
        Assert.Equal($"PRODUCT_ID '{productId}' is not in the catalog", refusal.Message);
    }

    [Fact]
    public void The_catalog_is_checked_before_the_licenses_state()
    {
        var terminated = LicenseState.Empty with
        {
            Issuances = [Issued(1, IssuanceCause.Purchase, TestCatalog.Basic, Mar12, Apr22)],
            TerminatedOn = Apr12,
        };

        AssertReply(Decide(terminated, LicenseAction.Renew, Order("noSuchProduct", Apr12, May22), Catalog, Issuer, Later), ReplyStatus.Invalid);
        Assert.Equal(ReplyStatus.Invalid, LicenseRules.Usage(LicenseState.Empty, Id, "noSuchProduct", Catalog).Status);
        var model2 = LicenseRules.Usage(LicenseState.Empty, Id, TestCatalog.Flat, Catalog);
        Assert.Equal(ReplyStatus.Invalid, model2.Status);
        Assert.Contains("PRODUCT_ID", model2.Message, StringComparison.Ordinal);
    }

    /// <summary>Which values suit which product is ActivationDataRulesTests' subject; here, that Decide applies it.</summary>
    [Theory]
    [InlineData(TestCatalog.GuidBound, "3f2504e0-4f89-11d3-9a0c-0305e82c3301", null)]
    [InlineData(TestCatalog.GuidBound, null, ReplyStatus.Invalid)]
    [InlineData(TestCatalog.GuidBound, "xyz", ReplyStatus.Invalid)]
    [InlineData(TestCatalog.Basic, "xyz", null)]
    public void Decide_applies_the_products_ACTIVATION_DATA_rule(string product, string? activation, ReplyStatus? refused)
    {
        var decision = Decide(LicenseState.Empty, LicenseAction.Purchase, Order(product, Mar12, Apr22) with { ActivationData = activation }, Catalog, Issuer, PurchasedAt);

        if (refused is { } status)
        {
            Assert.Contains("ACTIVATION_DATA", AssertReply(decision, status).Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(activation, decision.Proceeds().Activation);
        }
    }

    // ---- helpers ----

    private static LicenseState ReportableState() =>
        LicenseState.Empty with { Issuances = [Issued(1, IssuanceCause.Purchase, TestCatalog.Basic, Mar12, Apr22)] };

    // ---- B.5 and B.12: repeats of issuances only the history holds, and the issuance limit ----

    [Fact]
    public void A_renewal_that_expires_later_than_every_kept_issuance_never_reads_the_history()
    {
        var state = Renewed(8);

        Assert.True(state.HasArchivedIssuances);
        Assert.False(LicenseRules.MayRepeatArchived(state, Order(LicenseAction.Renew, TestCatalog.Basic, Month(9), Month(9).AddDays(40))));
        // UPGRADE keeps the current dates: later than every archived issuance's.
        Assert.False(LicenseRules.MayRepeatArchived(state, Order(LicenseAction.Upgrade, TestCatalog.Pro, Month(8), Month(8).AddDays(40))));
    }

    [Fact]
    public void A_request_as_old_as_an_archived_issuance_may_repeat_it()
    {
        var state = Renewed(8);

        Assert.True(LicenseRules.MayRepeatArchived(state, Order(LicenseAction.Purchase, TestCatalog.Basic, Month(0), Month(0).AddDays(40))));
        Assert.True(LicenseRules.MayRepeatArchived(state, Order(LicenseAction.Renew, TestCatalog.Basic, Month(2), Month(2).AddDays(40))));
    }

    [Fact]
    public void Nothing_is_archived_while_the_state_keeps_every_issuance_and_a_terminated_license_repeats_nothing()
    {
        var young = Renewed(LicenseState.RecentIssuances - 1);
        var old = Renewed(8) with { TerminatedOn = May12 };

        Assert.False(young.HasArchivedIssuances);
        Assert.False(LicenseRules.MayRepeatArchived(young, Order(LicenseAction.Purchase, TestCatalog.Basic, Month(0), Month(0).AddDays(40))));
        Assert.False(LicenseRules.MayRepeatArchived(old, Order(LicenseAction.Purchase, TestCatalog.Basic, Month(0), Month(0).AddDays(40))));
    }

    [Fact]
    public void An_archived_issuance_found_in_the_history_is_answered_byte_identical_instead_of_409()
    {
        var state = Renewed(8);
        var purchase = Order(TestCatalog.Basic, Month(0), Month(0).AddDays(40));
        var archived = Issued(1, IssuanceCause.Purchase, TestCatalog.Basic, Month(0), Month(0).AddDays(40));

        AssertReply(Decide(state, LicenseAction.Purchase, purchase, Catalog, Issuer, Later), ReplyStatus.Conflict);
        var answer = AssertReply(Decide(state, LicenseAction.Purchase, purchase, Catalog, Issuer, Later, archived), ReplyStatus.Repeated);
        Assert.Equal(archived.Body, answer.Body);
        Assert.Equal(archived.ExpiresAt, answer.ExpiresAt);
    }

    [Fact]
    public void An_archived_issuance_for_other_dates_or_an_upgrade_to_a_product_since_left_is_no_repeat()
    {
        var state = Renewed(8);
        var upgrade = Order(TestCatalog.Pro, Month(1), Month(1).AddDays(40));
        var archivedUpgrade = Issued(2, IssuanceCause.Upgrade, TestCatalog.Pro, Month(1), Month(1).AddDays(40));
        var otherDates = Issued(1, IssuanceCause.Purchase, TestCatalog.Basic, Month(0), Month(0).AddDays(41));

        // The license is on Basic again: an UPGRADE to Pro repeats only while it is on Pro.
        AssertReply(Decide(state, LicenseAction.Upgrade, upgrade, Catalog, Issuer, Later, archivedUpgrade), ReplyStatus.Conflict);
        AssertReply(
            Decide(state, LicenseAction.Purchase, Order(TestCatalog.Basic, Month(0), Month(0).AddDays(40)), Catalog, Issuer, Later, otherDates),
            ReplyStatus.Conflict);
    }

    [Fact]
    public void Past_the_issuance_limit_a_new_issuance_is_409_naming_the_limit_while_repeats_still_answer()
    {
        var state = Renewed(5);
        var next = Order(TestCatalog.Basic, Month(6), Month(6).AddDays(40));

        var refused = AssertReply(Decide(state, LicenseAction.Renew, next, Catalog, Issuer, Later, maxIssuances: 6), ReplyStatus.Conflict);
        Assert.Contains("6 issuances", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Licensing:Licenses:MaxIssuances", refused.Message, StringComparison.Ordinal);
        Decide(state, LicenseAction.Renew, next, Catalog, Issuer, Later, maxIssuances: 7).Proceeds();
        var last = state.Current;
        AssertReply(
            Decide(state, LicenseAction.Renew, Order(TestCatalog.Basic, last.StartDate, last.ExpiryDate), Catalog, Issuer, Later, maxIssuances: 6),
            ReplyStatus.Repeated);
    }

    /// <summary>Bought in month 0 and renewed monthly <paramref name="renewals"/> times, as the grain would keep it.</summary>
    private static LicenseState Renewed(int renewals)
    {
        var state = LicenseState.Empty.With(Issued(1, IssuanceCause.Purchase, TestCatalog.Basic, Month(0), Month(0).AddDays(40)));
        for (var month = 1; month <= renewals; month++)
        {
            state = state.With(Issued(month + 1, IssuanceCause.Renew, TestCatalog.Basic, Month(month), Month(month).AddDays(40)));
        }

        return state;
    }

    private static DateOnly Month(int n) => Mar12.AddMonths(n);

    private static LicenseOrder Order(string product, DateOnly start, DateOnly expiry, bool test = false) =>
        Order(LicenseAction.Purchase, product, start, expiry, test);

    private static LicenseOrder Order(LicenseAction action, string product, DateOnly start, DateOnly expiry, bool test = false) =>
        new(action, Id, product, test, start, expiry);

    /// <summary>The rules for <paramref name="order"/> sent as <paramref name="action"/>.</summary>
    private static Outcome<LicenseClaims> Decide(
        LicenseState state,
        LicenseAction action,
        LicenseOrder order,
        ProductCatalog catalog,
        string issuer,
        DateTimeOffset now,
        Issuance? archivedRepeat = null,
        int maxIssuances = LicenseOptions.DefaultMaxIssuances) =>
        LicenseRules.Decide(state, order with { Action = action }, catalog, issuer, now, archivedRepeat, maxIssuances);

    internal static Issuance Issued(int revision, IssuanceCause cause, string product, DateOnly start, DateOnly expiry, bool test = false) => new(
        revision,
        cause,
        product,
        test,
        RegName: null,
        ActivationData: null,
        SubscriptionDate: null,
        start,
        expiry,
        LicenseRules.ExpiresAt(expiry, PurchasedAt),
        PurchasedAt,
        "kid",
        Encoding.UTF8.GetBytes($"body {revision} {cause} {product}"));

    /// <summary>What the grain does around the rules, minus signing and storage.</summary>
    private static (LicenseState State, Outcome<LicenseClaims> Decision) Apply(LicenseState state, LicenseAction action, LicenseOrder order)
    {
        var decision = Decide(state, action, order, Catalog, Issuer, Later);
        if (decision.TryGetValue(out var claims, out _))
        {
            var body = Encoding.UTF8.GetBytes($"body {claims.Revision} {claims.ProductId}");
            state = state.With(Issuance.From(claims, Issuance.CauseOf(action)!.Value, "kid", body));
        }

        return (state, decision);
    }

    private static LicenseReply AssertReply(Outcome<LicenseClaims> decision, ReplyStatus status)
    {
        var answer = decision.Ends();
        Assert.Equal(status, answer.Status);
        return answer;
    }
}
