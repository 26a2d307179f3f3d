using System.Collections.Immutable;
using System.Globalization;
using IsvLicensing.Verifier;
using Orleans.Licensing.Catalog;

namespace Orleans.Licensing.Licenses;

/// <summary>
/// Spec B.5/B.6/B.9 as pure functions of a license's state and one request. The grain only adds
/// signing, storage and time.
/// </summary>
public static class LicenseRules
{
    /// <summary>
    /// B.3's catalog rules, then B.5/B.9 for a PURCHASE, RENEW or UPGRADE (the grain refuses the other actions
    /// before): the claims to sign, or the answer that ends the request without a change (a refusal, or the
    /// stored answer of a repeat).
    /// </summary>
    /// <param name="archivedRepeat">
    /// What the history holds for this request when <see cref="MayRepeatArchived"/> said to look: the latest
    /// issuance with the same action, product and dates, or null.
    /// </param>
    /// <param name="maxIssuances">B.12: the most issuances one license accepts.</param>
    public static Outcome<LicenseClaims> Decide(
        LicenseState state,
        LicenseOrder order,
        ProductCatalog catalog,
        string issuer,
        DateTimeOffset now,
        Issuance? archivedRepeat = null,
        int maxIssuances = LicenseOptions.DefaultMaxIssuances)
    {
        var id = order.PurchaseId;
        var verb = order.Action.Name();
        if (!FindProduct(catalog, order.ProductId).TryGetValue(out var product, out var unknown))
        {
            return unknown;
        }

        if (ActivationDataRules.Check(product, order.ActivationData) is { } activationError)
        {
            return LicenseReply.Invalid(activationError);
        }

        if (state.IsTerminated)
        {
            return LicenseReply.Conflict(
                Invariant($"license {id} was terminated on {state.TerminatedOn:dd/MM/yyyy}; {verb} is refused (termination is final)"));
        }

        if ((FindRepeat(state, order) ?? AsRepeat(state, order, archivedRepeat)) is { } repeat)
        {
            return new LicenseReply(ReplyStatus.Repeated, Body: repeat.Body, ExpiresAt: repeat.ExpiresAt);
        }

        if (order.Action == LicenseAction.Purchase)
        {
            return state.Exists
                ? LicenseReply.Conflict(Invariant(
                    $"license {id} exists already ({state.Current.ProductId}, {state.Current.StartDate:dd/MM/yyyy} to {state.Current.ExpiryDate:dd/MM/yyyy}); a PURCHASE is repeated only with the same PRODUCT_ID, START_DATE and EXPIRY_DATE"))
                : Claims(null, order, product, issuer, now);
        }

        if (!state.Exists)
        {
            return LicenseReply.NotFound(
                $"license {id} is not known here and PREVIOUS_LICENSE_BODY is not a body this service signed for it");
        }

        var current = state.Current;
        if (state.Issued >= maxIssuances)
        {
            return LicenseReply.Conflict(Invariant(
                $"license {id} has had {maxIssuances} issuances, the most one license accepts; {verb} is refused (the operator can raise Licensing:Licenses:MaxIssuances)"));
        }

        if (order.ExpiryDate < current.ExpiryDate)
        {
            return LicenseReply.Conflict(Invariant(
                $"EXPIRY_DATE {order.ExpiryDate:dd/MM/yyyy} is earlier than license {id}'s current expiry {current.ExpiryDate:dd/MM/yyyy}: a stale {verb} is refused"));
        }

        var sameProduct = order.ProductId == current.ProductId;
        var reachable = sameProduct || (catalog.Find(current.ProductId)?.UpgradableTo.Contains(order.ProductId) ?? false);
        if (order.Action == LicenseAction.Upgrade && sameProduct)
        {
            return LicenseReply.Conflict($"license {id} is already on PRODUCT_ID '{order.ProductId}'; UPGRADE needs another product");
        }

        if (!reachable)
        {
            return LicenseReply.Conflict(
                $"license {id} is on PRODUCT_ID '{current.ProductId}', which cannot be changed to '{order.ProductId}'");
        }

        return Claims(current, order, product, issuer, now);
    }

    /// <summary>B.3: a PRODUCT_ID names a product of the catalog, for every action.</summary>
    public static Outcome<Product> FindProduct(ProductCatalog catalog, string productId) =>
        catalog.Find(productId) is { } product
            ? product
            : LicenseReply.Invalid($"PRODUCT_ID '{productId}' is not in the catalog");

    /// <summary>
    /// B.5, among the issuances the state keeps: a request repeats an issuance with the same action, product and
    /// dates. An UPGRADE repeats only while the license is still on that product: Basic → Pro → Basic → Pro with
    /// unchanged dates is three upgrades.
    /// </summary>
    public static Issuance? FindRepeat(LicenseState state, LicenseOrder order) =>
        AsRepeat(state, order, state.Issuances.LastOrDefault(i => Repeats(i, order)));

    /// <summary>
    /// Whether a request that repeats none of the kept issuances may repeat one that only the history holds.
    /// Expiry dates never go backwards from one issuance to the next (an earlier EXPIRY_DATE is a stale request),
    /// so an archived issuance expires no later than the oldest kept one: a request that expires later repeats
    /// nothing archived, and ordinary renewals and upgrades never read the history.
    /// </summary>
    public static bool MayRepeatArchived(LicenseState state, LicenseOrder order) =>
        state.HasArchivedIssuances
        && !state.IsTerminated
        && FindRepeat(state, order) is null
        && order.ExpiryDate <= state.Issuances[0].ExpiryDate;

    /// <summary>Whether <paramref name="issuance"/> was issued for the same action, product and dates as <paramref name="order"/>.</summary>
    public static bool Repeats(Issuance issuance, LicenseOrder order) =>
        issuance.Cause == Issuance.CauseOf(order.Action)
        && issuance.ProductId == order.ProductId
        && issuance.StartDate == order.StartDate
        && issuance.ExpiryDate == order.ExpiryDate;

    private static Issuance? AsRepeat(LicenseState state, LicenseOrder order, Issuance? match) =>
        match is not null && Repeats(match, order) && (order.Action != LicenseAction.Upgrade || state.Current.ProductId == order.ProductId)
            ? match
            : null;

    /// <summary>B.6: the expiry is the day KA asked for, at the time of day the answer is first issued, GMT.</summary>
    public static DateTimeOffset ExpiresAt(DateOnly expiryDate, DateTimeOffset now)
    {
        var time = TimeOnly.FromTimeSpan(TimeSpan.FromSeconds(Math.Floor(now.UtcDateTime.TimeOfDay.TotalSeconds)));
        return new DateTimeOffset(expiryDate.ToDateTime(time), TimeSpan.Zero);
    }

    /// <summary>GET-INFO (A.5): B.3's catalog rules first, as for every action, then the license's counters.</summary>
    public static LicenseReply Usage(LicenseState state, string purchaseId, string productId, ProductCatalog catalog)
    {
        if (!FindProduct(catalog, productId).TryGetValue(out var product, out var unknown))
        {
            return unknown;
        }

        if (!product.IsReportable)
        {
            return LicenseReply.Invalid($"PRODUCT_ID '{productId}' is not a model 3 (reporting) product; GET-INFO does not apply");
        }

        if (!state.Exists)
        {
            return LicenseReply.NotFound($"license {purchaseId} is not known here");
        }

        if (state.IsTerminated)
        {
            return LicenseReply.Conflict($"license {purchaseId} is terminated");
        }

        return new LicenseReply(
            ReplyStatus.Usage,
            Usage: [.. product.Counters.Select(name => new UsageCounter(name, state.Usage.GetValueOrDefault(name)))]);
    }

    /// <summary>Validates reported counters against the license's product; the new usage, or the refusal.</summary>
    public static Outcome<ImmutableDictionary<string, long>> ReportUsage(
        LicenseState state, string purchaseId, IReadOnlyDictionary<string, long> counters, ProductCatalog catalog)
    {
        if (!state.Exists)
        {
            return LicenseReply.NotFound($"license {purchaseId} is not known here");
        }

        if (state.IsTerminated)
        {
            return LicenseReply.Conflict($"license {purchaseId} is terminated; its usage is final");
        }

        var productId = state.Current.ProductId;
        var product = catalog.Find(productId);
        if (product is not { IsReportable: true })
        {
            return LicenseReply.Invalid($"license {purchaseId} is on PRODUCT_ID '{productId}', which reports no usage");
        }

        if (counters.Count == 0)
        {
            return LicenseReply.Invalid("no counters given");
        }

        foreach (var (name, value) in counters)
        {
            if (!product.Counters.Contains(name))
            {
                return LicenseReply.Invalid($"'{name}' is not a counter of PRODUCT_ID '{productId}' (its counters: {string.Join(", ", product.Counters)})");
            }

            if (value < 0)
            {
                return LicenseReply.Invalid(Invariant($"counter '{name}' is {value}; counters are non-negative integers"));
            }
        }

        return state.Usage.SetItems(counters);
    }

    private static LicenseClaims Claims(Issuance? current, LicenseOrder order, Product product, string issuer, DateTimeOffset now) => new(
        issuer,
        order.PurchaseId,
        (current?.Revision ?? 0) + 1,
        order.ProductId,
        product.Edition,
        product.Features,
        // The license remembers the test flag it was bought with.
        current?.TestMode ?? order.TestMode,
        order.RegName ?? current?.RegName,
        order.ActivationData ?? current?.ActivationData,
        order.SubscriptionDate ?? current?.SubscriptionDate,
        order.StartDate,
        order.ExpiryDate,
        ExpiresAt(order.ExpiryDate, now),
        DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds()));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
