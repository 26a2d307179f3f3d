using CsCheck;
using Microsoft.Extensions.Primitives;
using Orleans.Licensing.Frontend;
using Orleans.Licensing.Frontend.Ka;

namespace Orleans.Licensing.UnitTests;

/// <summary>KaRequestParser is total: whatever KA (or anyone) posts, it answers with a request or an error, never an exception.</summary>
public sealed class KaRequestParserPropertyTests
{
    private static readonly Gen<KaLimits> Limits = Gen.OneOfConst(new KaLimits(256, 256), new KaLimits(64 * 1024, 64 * 1024));
    private static readonly DateOnly Today = new(2016, 9, 20);

    private static readonly string[] KnownNames =
        [.. KaFields.FixedLimits.Keys, KaFields.ActivationData, KaFields.PreviousLicenseBody];

    private static readonly Gen<string> Name = Gen.Frequency(
        (8, Gen.OneOfConst(KnownNames)),
        (1, Gen.OneOfConst("FUTURE_FIELD", "", "aps_action", "APS_ACTION ", "®_NAME", "PURCHASE_ID\0")),
        (1, Gen.String));

    private static readonly Gen<string> PlausibleValue = Gen.OneOfConst(
        "PURCHASE", "RENEW", "UPGRADE", "TERMINATE", "GET-INFO", "purchase", "2", "3", "Y", "n", "N",
        "12345678", "0123456", "12-34", "someproduct1", "someproduct1-pro", "flatproduct", "domainbound", "ipbound", "guidbound",
        "12/03/2016", @"22\04\2016", "22/04/2015", "31/02/2016", "29/02/2016", "18/09/2016",
        "01/01/0001", @"31\12\9999", "31/12/1969", "01/01/1970", "31/12/2199", "01/01/2200",
        "NCA4IDE1IDE2IDIzIDQy", "NCA4 IDE1", "====", "example.com", "192.0.2.1", "3f2504e0-4f89-11d3-9a0c-0305e82c3301", "");

    private static readonly Gen<string> Value = Gen.Frequency(
        (6, PlausibleValue),
        (3, Gen.String),
        (2, Gen.String[Gen.Char["0123456789/\\"], 0, 12]),
        (1, Gen.Select(Gen.Char, Gen.Int[200, 2_000], (c, n) => new string(c, n))),
        (1, Gen.Int[64 * 1024, 70_000].Select(n => new string('A', n))));

    private static readonly Gen<StringValues> Values = Gen.Frequency(
        (12, Value.Select(v => new StringValues(v))),
        (1, Value.Array[0, 3].Select(v => new StringValues(v))),
        (1, Gen.Const(new StringValues([null, "x"]))),
        (1, Gen.Const(StringValues.Empty)));

    private static readonly Gen<KeyValuePair<string, StringValues>> Pair =
        Gen.Select(Name, Values, (n, v) => new KeyValuePair<string, StringValues>(n, v));

    /// <summary>Fields that are mostly valid, so the later rules are reached too.</summary>
    private static readonly Gen<KeyValuePair<string, StringValues>[]> NearlyValid =
        Gen.Select(
            Gen.OneOfConst("PURCHASE", "RENEW", "UPGRADE", "TERMINATE", "GET-INFO"),
            Gen.OneOfConst(TestCatalog.Basic, TestCatalog.Pro, TestCatalog.Flat, TestCatalog.DomainBound, TestCatalog.IpBound),
            Pair.Array[0, 4],
            (action, product, extra) => (KeyValuePair<string, StringValues>[])
            [
                new(KaFields.ProtocolModel, "3"),
                new(KaFields.Action, action),
                new(KaFields.PurchaseId, "12345678"),
                new(KaFields.ProductId, product),
                new(KaFields.StartDate, "12/03/2016"),
                new(KaFields.ExpiryDate, "22/04/2016"),
                .. extra,
            ]);

    [Fact]
    public void Property_arbitrary_forms_give_exactly_one_of_request_or_error_and_never_throw()
    {
        Gen.Select(Gen.Frequency((1, Pair.Array[0, 16]), (1, NearlyValid)), Limits).Sample(
            (form, limits) =>
            {
                var result = KaRequestParser.Parse(form, limits, Today);

                if (result.TryGetValue(out var request, out var refusal))
                {
                    AssertValid(request);
                }
                else
                {
                    Assert.Equal(ReplyStatus.Invalid, refusal.Status);
                    Assert.False(string.IsNullOrWhiteSpace(refusal.Message));
                }
            },
            iter: 5_000);
    }

    /// <summary>What every accepted request guarantees downstream.</summary>
    private static void AssertValid(KaRequest request)
    {
        Assert.True(PurchaseIdRule.IsValid(request.PurchaseId));
        switch (request)
        {
            case KaIssueRequest issue:
                Assert.Contains(issue.Action, (LicenseAction[])[LicenseAction.Purchase, LicenseAction.Renew, LicenseAction.Upgrade]);
                Assert.NotEmpty(issue.Order.ProductId);
                Assert.True(issue.Order.ExpiryDate > issue.Order.StartDate);
                Assert.All(
                    (DateOnly?[])[issue.Order.StartDate, issue.Order.ExpiryDate, issue.Order.SubscriptionDate, issue.Order.PurchaseDate],
                    date => Assert.True(date is null || LicenseDateBounds.Contains(date.Value), $"{date} is outside the bound"));
                Assert.True(issue.Order.SubscriptionDate is null || issue.Order.ExpiryDate >= issue.Order.SubscriptionDate);
                break;
            case KaGetInfoRequest info:
                Assert.Equal(LicenseAction.GetInfo, info.Action);
                Assert.NotEmpty(info.ProductId);
                break;
            case KaTerminateRequest terminate:
                Assert.Equal(LicenseAction.Terminate, terminate.Action);
                Assert.NotEmpty(terminate.Order.ProductId);
                Assert.True(LicenseDateBounds.Contains(terminate.Order.TerminationDate), $"{terminate.Order.TerminationDate} is outside the bound");
                break;
            default:
                Assert.Fail($"unexpected request type {request.GetType()}");
                break;
        }
    }
}
