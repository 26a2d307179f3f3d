using Microsoft.Extensions.Primitives;
using Orleans.Licensing.Catalog;
using Orleans.Licensing.Licenses;

namespace Orleans.Licensing.Frontend.Ka;

/// <summary>
/// Spec B.3: turns KA's form fields into a request, or names what is wrong. Pure and total: no input makes it throw.
/// Unknown fields are ignored (A.1).
/// </summary>
internal static class KaRequestParser
{
    public static KaParseResult Parse(
        IEnumerable<KeyValuePair<string, StringValues>> form, KaLimits limits, ProductCatalog catalog, DateOnly today)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in form)
        {
            if (!IsKnown(name))
            {
                continue;
            }

            if (values.Count > 1 || fields.ContainsKey(name))
            {
                return KaParseResult.Fail($"{name} is sent more than once");
            }

            var value = values.Count == 0 ? "" : values[0] ?? "";
            var limit = Limit(name, limits);
            if (value.Length > limit)
            {
                return KaParseResult.Fail($"{name} is longer than {limit} characters");
            }

            fields[name] = value;
        }

        var action = Get(fields, KaFields.Action);
        if (action is null)
        {
            return KaParseResult.Fail($"{KaFields.Action} is missing");
        }

        action = action.ToUpperInvariant();
        if (action is not ("PURCHASE" or "RENEW" or "UPGRADE" or "TERMINATE" or "GET-INFO"))
        {
            return KaParseResult.Fail($"{KaFields.Action} '{action}' is not one of PURCHASE, RENEW, UPGRADE, TERMINATE, GET-INFO");
        }

        var model = Get(fields, KaFields.ProtocolModel) ?? "2";
        if (model is not ("2" or "3"))
        {
            return KaParseResult.Fail($"{KaFields.ProtocolModel} '{model}' is not 2 or 3");
        }

        if (action == "GET-INFO" && model != "3")
        {
            return KaParseResult.Fail($"GET-INFO needs {KaFields.ProtocolModel}=3");
        }

        var testMode = Get(fields, KaFields.TestMode)?.ToUpperInvariant() ?? "N";
        if (testMode is not ("Y" or "N"))
        {
            return KaParseResult.Fail($"{KaFields.TestMode} '{testMode}' is not Y or N");
        }

        var purchaseId = Get(fields, KaFields.PurchaseId);
        if (purchaseId is null)
        {
            return KaParseResult.Fail($"{KaFields.PurchaseId} is missing");
        }

        if (!PurchaseIdRule.IsValid(purchaseId))
        {
            return KaParseResult.Fail($"{KaFields.PurchaseId} '{purchaseId}' is not {PurchaseIdRule.Description}");
        }

        var productId = Get(fields, KaFields.ProductId);
        if (productId is null)
        {
            return KaParseResult.Fail($"{KaFields.ProductId} is missing");
        }

        if (catalog.Find(productId) is not { } product)
        {
            return KaParseResult.Fail($"{KaFields.ProductId} '{productId}' is not in the catalog");
        }

        var dates = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        foreach (var name in (string[])[KaFields.PurchaseDate, KaFields.SubscriptionDate, KaFields.StartDate, KaFields.ExpiryDate, KaFields.TerminationDate])
        {
            if (Get(fields, name) is not { } text)
            {
                continue;
            }

            if (!KaDate.TryParse(text, out var date))
            {
                return KaParseResult.Fail($"{name} '{text}' is not a real date in DD/MM/YYYY");
            }

            if (!LicenseDateBounds.Contains(date))
            {
                return KaParseResult.Fail($"{name} '{text}' is outside the years {LicenseDateBounds.Years}");
            }

            dates[name] = date;
        }

        byte[]? previousBody = null;
        if (Get(fields, KaFields.PreviousLicenseBody) is { } encoded && !TryDecodeBase64(encoded, out previousBody))
        {
            return KaParseResult.Fail($"{KaFields.PreviousLicenseBody} is not Base64");
        }

        var testFlag = testMode == "Y";
        switch (action)
        {
            case "TERMINATE":
                // A TERMINATE without its date is taken as received today rather than refused: KA cannot un-terminate.
                var terminationDate = dates.TryGetValue(KaFields.TerminationDate, out var terminated) ? terminated : today;
                return new(new KaTerminateRequest(new TerminationOrder(purchaseId, productId, testFlag, terminationDate, previousBody)), null);
            case "GET-INFO":
                return product.IsReportable
                    ? new(new KaGetInfoRequest(purchaseId, productId), null)
                    : KaParseResult.Fail($"{KaFields.ProductId} '{productId}' is not a model 3 (reporting) product; GET-INFO does not apply");
        }

        if (!dates.TryGetValue(KaFields.StartDate, out var start))
        {
            return KaParseResult.Fail($"{KaFields.StartDate} is missing");
        }

        if (!dates.TryGetValue(KaFields.ExpiryDate, out var expiry))
        {
            return KaParseResult.Fail($"{KaFields.ExpiryDate} is missing");
        }

        if (expiry <= start)
        {
            return KaParseResult.Fail(
                $"{KaFields.ExpiryDate} {KaDate.Format(expiry)} is not after {KaFields.StartDate} {KaDate.Format(start)}: the expiration date must come after the start date");
        }

        DateOnly? subscription = dates.TryGetValue(KaFields.SubscriptionDate, out var subscribed) ? subscribed : null;
        if (subscription is { } since && expiry < since)
        {
            return KaParseResult.Fail(
                $"{KaFields.ExpiryDate} {KaDate.Format(expiry)} is before {KaFields.SubscriptionDate} {KaDate.Format(since)}: the expiration date cannot precede the subscription");
        }

        var activation = Get(fields, KaFields.ActivationData);
        if (ActivationDataRules.Check(product, activation) is { } activationError)
        {
            return KaParseResult.Fail(activationError);
        }

        var order = new LicenseOrder(
            purchaseId,
            productId,
            testFlag,
            start,
            expiry,
            subscription,
            dates.TryGetValue(KaFields.PurchaseDate, out var purchased) ? purchased : null,
            Get(fields, KaFields.RegName),
            activation,
            previousBody);
        var kind = action switch
        {
            "PURCHASE" => LicenseAction.Purchase,
            "RENEW" => LicenseAction.Renew,
            _ => LicenseAction.Upgrade,
        };
        return new(new KaIssueRequest(kind, order), null);
    }

    /// <summary>
    /// Standard Base64 as KA sends it. A '+' that reached the form parser unencoded arrives as a space (A.7),
    /// and line breaks of MIME-style Base64 are dropped.
    /// </summary>
    public static bool TryDecodeBase64(string text, out byte[]? bytes)
    {
        var normalized = text.Replace(' ', '+').Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal);
        var buffer = new byte[normalized.Length * 3 / 4 + 3];
        if (normalized.Length > 0 && Convert.TryFromBase64String(normalized, buffer, out var written))
        {
            bytes = buffer[..written];
            return true;
        }

        bytes = null;
        return false;
    }

    private static bool IsKnown(string name) =>
        KaFields.FixedLimits.ContainsKey(name) || name is KaFields.ActivationData or KaFields.PreviousLicenseBody;

    private static int Limit(string name, KaLimits limits) => name switch
    {
        KaFields.ActivationData => limits.MaxActivationDataChars,
        KaFields.PreviousLicenseBody => limits.MaxPreviousLicenseBodyChars,
        _ => KaFields.FixedLimits[name],
    };

    /// <summary>An empty field counts as absent: KA's forms send empty optional fields.</summary>
    private static string? Get(Dictionary<string, string> fields, string name) =>
        fields.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
}
