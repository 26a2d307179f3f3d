using Microsoft.Extensions.Primitives;

namespace Orleans.Licensing.Frontend.Ka;

/// <summary>
/// Spec B.3: turns KA's form fields into a request, or names what is wrong. Pure and total: no input makes it throw.
/// Unknown fields are ignored (A.1). What depends on the catalog (the product, its ACTIVATION_DATA, GET-INFO's model
/// 3) is checked once, by the license's rules in the silo, which owns the catalog.
/// </summary>
internal static class KaRequestParser
{
    public static Outcome<KaRequest> Parse(IEnumerable<KeyValuePair<string, StringValues>> form, KaLimits limits, DateOnly today)
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
                return Invalid($"{name} is sent more than once");
            }

            var value = values.Count == 0 ? "" : values[0] ?? "";
            var limit = Limit(name, limits);
            if (value.Length > limit)
            {
                return Invalid($"{name} is longer than {limit} characters");
            }

            fields[name] = value;
        }

        var actionText = Get(fields, KaFields.Action);
        if (actionText is null)
        {
            return Invalid($"{KaFields.Action} is missing");
        }

        if (!LicenseActionNames.TryParse(actionText, out var action))
        {
            return Invalid($"{KaFields.Action} '{actionText.ToUpperInvariant()}' is not one of {LicenseActionNames.All}");
        }

        var model = Get(fields, KaFields.ProtocolModel) ?? "2";
        if (model is not ("2" or "3"))
        {
            return Invalid($"{KaFields.ProtocolModel} '{model}' is not 2 or 3");
        }

        if (action == LicenseAction.GetInfo && model != "3")
        {
            return Invalid($"GET-INFO needs {KaFields.ProtocolModel}=3");
        }

        var testMode = Get(fields, KaFields.TestMode)?.ToUpperInvariant() ?? "N";
        if (testMode is not ("Y" or "N"))
        {
            return Invalid($"{KaFields.TestMode} '{testMode}' is not Y or N");
        }

        var purchaseId = Get(fields, KaFields.PurchaseId);
        if (purchaseId is null)
        {
            return Invalid($"{KaFields.PurchaseId} is missing");
        }

        if (!PurchaseIdRule.IsValid(purchaseId))
        {
            return Invalid($"{KaFields.PurchaseId} '{purchaseId}' is not {PurchaseIdRule.Description}");
        }

        var productId = Get(fields, KaFields.ProductId);
        if (productId is null)
        {
            return Invalid($"{KaFields.ProductId} is missing");
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
                return Invalid($"{name} '{text}' is not a real date in DD/MM/YYYY");
            }

            if (!LicenseDateBounds.Contains(date))
            {
                return Invalid($"{name} '{text}' is outside the years {LicenseDateBounds.Years}");
            }

            dates[name] = date;
        }

        byte[]? previousBody = null;
        if (Get(fields, KaFields.PreviousLicenseBody) is { } encoded && !TryDecodeBase64(encoded, out previousBody))
        {
            return Invalid($"{KaFields.PreviousLicenseBody} is not Base64");
        }

        var testFlag = testMode == "Y";
        switch (action)
        {
            case LicenseAction.Terminate:
                // A TERMINATE without its date is taken as received today rather than refused: KA cannot un-terminate.
                var terminationDate = dates.TryGetValue(KaFields.TerminationDate, out var terminated) ? terminated : today;
                return new KaTerminateRequest(new TerminationOrder(purchaseId, productId, testFlag, terminationDate, previousBody));
            case LicenseAction.GetInfo:
                return new KaGetInfoRequest(purchaseId, productId);
        }

        if (!dates.TryGetValue(KaFields.StartDate, out var start))
        {
            return Invalid($"{KaFields.StartDate} is missing");
        }

        if (!dates.TryGetValue(KaFields.ExpiryDate, out var expiry))
        {
            return Invalid($"{KaFields.ExpiryDate} is missing");
        }

        if (expiry <= start)
        {
            return Invalid(
                $"{KaFields.ExpiryDate} {KaDate.Format(expiry)} is not after {KaFields.StartDate} {KaDate.Format(start)}: the expiration date must come after the start date");
        }

        DateOnly? subscription = dates.TryGetValue(KaFields.SubscriptionDate, out var subscribed) ? subscribed : null;
        if (subscription is { } since && expiry < since)
        {
            return Invalid(
                $"{KaFields.ExpiryDate} {KaDate.Format(expiry)} is before {KaFields.SubscriptionDate} {KaDate.Format(since)}: the expiration date cannot precede the subscription");
        }

        var order = new LicenseOrder(
            action,
            purchaseId,
            productId,
            testFlag,
            start,
            expiry,
            subscription,
            dates.TryGetValue(KaFields.PurchaseDate, out var purchased) ? purchased : null,
            Get(fields, KaFields.RegName),
            Get(fields, KaFields.ActivationData),
            previousBody);
        return new KaIssueRequest(order);
    }

    /// <summary>B.3: what is wrong with the form ends the request with a 400 that names it.</summary>
    private static Outcome<KaRequest> Invalid(string error) => LicenseReply.Invalid(error);

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
