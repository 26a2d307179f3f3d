using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Orleans.Licensing.Catalog;
using Orleans.Licensing.Frontend.Ka;
using Orleans.Licensing.Licenses;

namespace Orleans.Licensing.UnitTests;

public sealed class KaRequestParserTests
{
    // Part C of the spec, byte for byte.
    private const string PurchaseBody =
        "APS_PROTOCOL_MODEL=2&APS_ACTION=PURCHASE&APS_TEST_MODE=N&PURCHASE_ID=12345678&PRODUCT_ID=someproduct1&PURCHASE_DATE=12%5c03%5c2016&SUBSCRIPTION_DATE=12%5c03%5c2016&START_DATE=12%5c03%5c2016&EXPIRY_DATE=22%5c04%5c2016&REG_NAME=54321";

    private const string RenewBody =
        "APS_PROTOCOL_MODEL=2&APS_ACTION=RENEW&APS_TEST_MODE=N&PURCHASE_ID=12345678&PRODUCT_ID=someproduct1&PURCHASE_DATE=12%5c04%5c2016&SUBSCRIPTION_DATE=12%5c03%5c2016&START_DATE=12%5c04%5c2016&EXPIRY_DATE=22%5c05%5c2016&PREVIOUS_LICENSE_BODY=NCA4IDE1IDE2IDIzIDQy&REG_NAME=54321";

    private const string InvalidBody =
        "APS_PROTOCOL_MODEL=2&APS_ACTION=PURCHASE&APS_TEST_MODE=N&PURCHASE_ID=12345678&PRODUCT_ID=someproduct1&PURCHASE_DATE=12%5c03%5c2016&SUBSCRIPTION_DATE=12%5c03%5c2016&START_DATE=12%5c03%5c2016&EXPIRY_DATE=22%5c04%5c2015&REG_NAME=54321";

    private const string GetInfoBody =
        "APS_PROTOCOL_MODEL=3&APS_ACTION=GET-INFO&APS_TEST_MODE=N&PURCHASE_ID=12345678&PRODUCT_ID=someproduct1&REG_NAME=54321";

    private const string TerminateBody =
        "APS_ACTION=TERMINATE&APS_TEST_MODE=N&PURCHASE_ID=12345678&PRODUCT_ID=someproduct1&APS_TERMINATION_DATE=18%2f09%2f2016&PREVIOUS_LICENSE_BODY=NCA4IDE1IDE2IDIzIDQy";

    private static readonly KaLimits DefaultLimits = new(64 * 1024, 64 * 1024);
    private static readonly DateOnly Today = new(2016, 9, 20);

    public static TheoryData<string, int> FixedSizeFields
    {
        get
        {
            var data = new TheoryData<string, int>();
            foreach (var (name, limit) in KaFields.FixedLimits)
            {
                data.Add(name, limit);
            }

            return data;
        }
    }

    // ---- Part C ----

    [Fact]
    public void Part_C_purchase_parses_to_a_purchase_with_backslash_dates()
    {
        var request = AssertRequest<KaIssueRequest>(Parse(Decode(PurchaseBody)));

        Assert.Equal(LicenseAction.Purchase, request.Action);
        var order = request.Order;
        Assert.Equal("12345678", request.PurchaseId);
        Assert.Equal("12345678", order.PurchaseId);
        Assert.Equal("someproduct1", order.ProductId);
        Assert.False(order.TestMode);
        Assert.Equal(new DateOnly(2016, 3, 12), order.PurchaseDate);
        Assert.Equal(new DateOnly(2016, 3, 12), order.SubscriptionDate);
        Assert.Equal(new DateOnly(2016, 3, 12), order.StartDate);
        Assert.Equal(new DateOnly(2016, 4, 22), order.ExpiryDate);
        Assert.Equal("54321", order.RegName);
        Assert.Null(order.ActivationData);
        Assert.Null(order.PreviousLicenseBody);
    }

    [Fact]
    public void Part_C_renew_parses_to_a_renewal_with_the_previous_body_decoded()
    {
        var request = AssertRequest<KaIssueRequest>(Parse(Decode(RenewBody)));

        Assert.Equal(LicenseAction.Renew, request.Action);
        var order = request.Order;
        Assert.Equal(new DateOnly(2016, 4, 12), order.PurchaseDate);
        Assert.Equal(new DateOnly(2016, 3, 12), order.SubscriptionDate);
        Assert.Equal(new DateOnly(2016, 4, 12), order.StartDate);
        Assert.Equal(new DateOnly(2016, 5, 22), order.ExpiryDate);
        Assert.Equal("4 8 15 16 23 42", Encoding.ASCII.GetString(order.PreviousLicenseBody!));
    }

    [Fact]
    public void Part_C_invalid_example_is_refused_naming_the_expiration_date()
    {
        var error = AssertError(Parse(Decode(InvalidBody)), KaFields.ExpiryDate);

        Assert.Contains("expiration date", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Part_C_get_info_parses_to_a_get_info_request()
    {
        var request = AssertRequest<KaGetInfoRequest>(Parse(Decode(GetInfoBody)));

        Assert.Equal("12345678", request.PurchaseId);
        Assert.Equal("someproduct1", request.ProductId);
    }

    [Fact]
    public void Part_C_terminate_parses_to_a_termination_with_its_slash_date()
    {
        var request = AssertRequest<KaTerminateRequest>(Parse(Decode(TerminateBody)));

        var order = request.Order;
        Assert.Equal("12345678", order.PurchaseId);
        Assert.Equal("someproduct1", order.ProductId);
        Assert.False(order.TestMode);
        Assert.Equal(new DateOnly(2016, 9, 18), order.TerminationDate);
        Assert.Equal("4 8 15 16 23 42", Encoding.ASCII.GetString(order.PreviousLicenseBody!));
    }

    [Fact]
    public void Upgrade_parses_to_an_upgrade()
    {
        var request = AssertRequest<KaIssueRequest>(Parse(Purchase((KaFields.Action, "UPGRADE"), (KaFields.ProductId, TestCatalog.Pro))));

        Assert.Equal(LicenseAction.Upgrade, request.Action);
        Assert.Equal(TestCatalog.Pro, request.Order.ProductId);
    }

    [Fact]
    public void Terminate_without_a_termination_date_is_taken_as_received_today()
    {
        var request = AssertRequest<KaTerminateRequest>(Parse(Decode(TerminateBody).Where(f => f.Key != KaFields.TerminationDate)));

        Assert.Equal(Today, request.Order.TerminationDate);
    }

    // ---- positives ----

    [Fact]
    public void Unknown_fields_are_ignored_even_when_repeated_or_oddly_named()
    {
        var form = Decode(PurchaseBody).Concat(
        [
            new("FUTURE_FIELD", "whatever"),
            new("FUTURE_FIELD", "again"),
            new("aps_action", new StringValues(["RENEW", "UPGRADE"])),
            new("®_NAME", "54321"),
            new("", "empty name"),
        ]);

        var request = AssertRequest<KaIssueRequest>(Parse(form));

        Assert.Equal(LicenseAction.Purchase, request.Action);
    }

    [Fact]
    public void Leading_zeros_of_PURCHASE_ID_are_kept()
    {
        var request = AssertRequest<KaIssueRequest>(Parse(Purchase((KaFields.PurchaseId, "0123456"))));

        Assert.Equal("0123456", request.PurchaseId);
        Assert.Equal("0123456", request.Order.PurchaseId);
    }

    [Theory]
    [InlineData("A")]
    [InlineData("0000000000")]
    [InlineData("abcXYZ0189")]
    public void PURCHASE_ID_of_1_to_10_letters_and_digits_is_accepted(string purchaseId)
    {
        var request = AssertRequest<KaIssueRequest>(Parse(Purchase((KaFields.PurchaseId, purchaseId))));

        Assert.Equal(purchaseId, request.PurchaseId);
    }

    [Fact]
    public void A_plus_that_arrived_as_a_space_in_PREVIOUS_LICENSE_BODY_still_decodes()
    {
        byte[] previous = [0xFB, 0xEF, 0xBE, 0x01, 0x02, 0xF8, 0x3E];
        var base64 = Convert.ToBase64String(previous);
        Assert.Contains('+', base64);

        // KA did not percent-encode the '+', so the form parser turns it into a space.
        var body = RenewBody.Replace("NCA4IDE1IDE2IDIzIDQy", base64.Replace("/", "%2F", StringComparison.Ordinal).Replace("=", "%3D", StringComparison.Ordinal), StringComparison.Ordinal);
        var form = Decode(body);
        Assert.Contains(' ', form[KaFields.PreviousLicenseBody].ToString());

        var request = AssertRequest<KaIssueRequest>(Parse(form));

        Assert.Equal(previous, request.Order.PreviousLicenseBody);
    }

    [Fact]
    public void MIME_line_breaks_in_PREVIOUS_LICENSE_BODY_are_dropped()
    {
        var request = AssertRequest<KaIssueRequest>(Parse(Purchase((KaFields.Action, "RENEW"), (KaFields.PreviousLicenseBody, "NCA4IDE1\r\nIDE2IDIzIDQy"))));

        Assert.Equal("4 8 15 16 23 42", Encoding.ASCII.GetString(request.Order.PreviousLicenseBody!));
    }

    [Theory]
    [InlineData("y", true)]
    [InlineData("Y", true)]
    [InlineData("n", false)]
    [InlineData("N", false)]
    [InlineData(null, false)]
    [InlineData("", false)]
    public void APS_TEST_MODE_is_Y_or_N_in_either_case_and_absent_means_real(string? value, bool test)
    {
        var request = AssertRequest<KaIssueRequest>(Parse(Purchase((KaFields.TestMode, value))));

        Assert.Equal(test, request.Order.TestMode);
    }

    [Fact]
    public void The_test_flag_is_carried_on_termination_too()
    {
        var request = AssertRequest<KaTerminateRequest>(Parse(Decode(TerminateBody.Replace("APS_TEST_MODE=N", "APS_TEST_MODE=y", StringComparison.Ordinal))));

        Assert.True(request.Order.TestMode);
    }

    [Fact]
    public void APS_PROTOCOL_MODEL_absent_means_model_2()
    {
        AssertRequest<KaIssueRequest>(Parse(Purchase((KaFields.ProtocolModel, null))));
    }

    [Fact]
    public void Optional_dates_may_be_absent_on_a_purchase()
    {
        var request = AssertRequest<KaIssueRequest>(Parse(Purchase((KaFields.PurchaseDate, null), (KaFields.SubscriptionDate, ""), (KaFields.RegName, null))));

        Assert.Null(request.Order.PurchaseDate);
        Assert.Null(request.Order.SubscriptionDate);
        Assert.Null(request.Order.RegName);
    }

    [Fact]
    public void EXPIRY_DATE_equal_to_SUBSCRIPTION_DATE_is_not_before_it()
    {
        AssertRequest<KaIssueRequest>(Parse(Purchase(
            (KaFields.SubscriptionDate, "22/04/2016"), (KaFields.StartDate, "12/03/2016"), (KaFields.ExpiryDate, "22/04/2016"))));
    }

    [Fact]
    public void Fields_exactly_at_their_size_limit_are_accepted()
    {
        var limits = new KaLimits(8, 8);

        var request = AssertRequest<KaIssueRequest>(Parse(
            Purchase((KaFields.Action, "RENEW"), (KaFields.ActivationData, "12345678"), (KaFields.PreviousLicenseBody, "AAAAAAAA"), (KaFields.RegName, new string('r', 100))),
            limits));

        Assert.Equal("12345678", request.Order.ActivationData);
        Assert.Equal(new byte[6], request.Order.PreviousLicenseBody);
    }

    [Theory]
    [InlineData("PURCHASE", LicenseAction.Purchase)]
    [InlineData("renew", LicenseAction.Renew)]
    [InlineData("Upgrade", LicenseAction.Upgrade)]
    [InlineData("TERMINATE", LicenseAction.Terminate)]
    [InlineData("get-info", LicenseAction.GetInfo)]
    public void APS_ACTION_becomes_the_requests_action_whatever_its_case(string text, LicenseAction action)
    {
        var request = Parse(Purchase((KaFields.Action, text), (KaFields.ProtocolModel, "3"))).Proceeds();

        Assert.Equal(action, request.Action);
        Assert.Equal(text.ToUpperInvariant(), request.Action.Name());
    }

    [Fact]
    public void PRODUCT_ID_is_passed_on_as_sent_for_the_licenses_rules_to_check_against_the_catalog()
    {
        var request = AssertRequest<KaIssueRequest>(Parse(Purchase((KaFields.ProductId, "noSuchProduct"))));

        Assert.Equal("noSuchProduct", request.Order.ProductId);
    }

    // ---- B.3 refusals, each naming its field ----

    [Theory]
    [InlineData(KaFields.Action)]
    [InlineData(KaFields.PurchaseId)]
    [InlineData(KaFields.ProductId)]
    public void A_missing_required_field_is_named(string field)
    {
        var error = AssertError(Parse(Purchase((field, null))), field);

        Assert.Contains("missing", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(KaFields.Action)]
    [InlineData(KaFields.PurchaseId)]
    [InlineData(KaFields.ProductId)]
    public void An_empty_required_field_counts_as_missing(string field)
    {
        AssertError(Parse(Purchase((field, ""))), field);
    }

    [Theory]
    [InlineData(KaFields.PurchaseDate, @"01\01\0001")]
    [InlineData(KaFields.SubscriptionDate, "31/12/1969")]
    [InlineData(KaFields.StartDate, @"01\01\0001")]
    [InlineData(KaFields.ExpiryDate, @"31\12\9999")]
    [InlineData(KaFields.ExpiryDate, "01/01/2200")]
    public void A_real_date_outside_the_years_1970_to_2199_is_refused_naming_its_field(string field, string date)
    {
        var error = AssertError(Parse(Purchase((field, date))), field);

        Assert.Contains("outside the years 1970 to 2199", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_termination_date_outside_the_years_1970_to_2199_is_refused_naming_its_field()
    {
        var form = Decode(TerminateBody).Select(f => f.Key == KaFields.TerminationDate ? Field(f.Key, "01/01/0001") : f);

        AssertError(Parse(form), KaFields.TerminationDate);
    }

    [Theory]
    [InlineData("01/01/1970", "31/12/2199")]
    [InlineData(@"01\01\1970", @"02\01\1970")]
    public void The_first_and_last_days_of_the_bound_are_accepted(string start, string expiry)
    {
        var request = AssertRequest<KaIssueRequest>(Parse(Purchase((KaFields.StartDate, start), (KaFields.ExpiryDate, expiry), (KaFields.PurchaseDate, start), (KaFields.SubscriptionDate, start))));

        Assert.Equal((LicenseDateBounds.First.Year, LicenseDateBounds.First.DayOfYear), (request.Order.StartDate.Year, request.Order.StartDate.DayOfYear));
    }

    [Theory]
    [InlineData("DELETE")]
    [InlineData("GETINFO")]
    [InlineData("PURCHASE ")]
    [InlineData("SUSPEND")]
    public void An_unknown_action_is_refused(string action)
    {
        AssertError(Parse(Purchase((KaFields.Action, action))), KaFields.Action);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("4")]
    [InlineData("0")]
    [InlineData("x")]
    public void A_protocol_model_other_than_2_or_3_is_refused(string model)
    {
        AssertError(Parse(Purchase((KaFields.ProtocolModel, model))), KaFields.ProtocolModel);
    }

    [Theory]
    [InlineData("2")]
    [InlineData(null)]
    public void GET_INFO_without_model_3_is_refused(string? model)
    {
        var error = AssertError(Parse(Decode(GetInfoBody).Where(f => f.Key != KaFields.ProtocolModel).Append(Field(KaFields.ProtocolModel, model))), KaFields.ProtocolModel);

        Assert.Contains("GET-INFO", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("X")]
    [InlineData("1")]
    [InlineData("T")]
    [InlineData("ÿ")]
    public void APS_TEST_MODE_other_than_Y_or_N_is_refused(string value)
    {
        AssertError(Parse(Purchase((KaFields.TestMode, value))), KaFields.TestMode);
    }

    [Theory]
    [MemberData(nameof(FixedSizeFields))]
    public void A_fixed_size_field_over_its_size_is_refused(string field, int limit)
    {
        var error = AssertError(Parse(Purchase((field, new string('1', limit + 1)))), field);

        Assert.Contains(limit.ToString(System.Globalization.CultureInfo.InvariantCulture), error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_fixed_sizes_are_those_of_the_protocol_table()
    {
        var expected = new Dictionary<string, int>
        {
            ["APS_PROTOCOL_MODEL"] = 1, ["APS_ACTION"] = 30, ["APS_TEST_MODE"] = 1, ["PURCHASE_ID"] = 10, ["PRODUCT_ID"] = 30,
            ["PURCHASE_DATE"] = 10, ["SUBSCRIPTION_DATE"] = 10, ["START_DATE"] = 10, ["EXPIRY_DATE"] = 10, ["REG_NAME"] = 100,
            ["APS_TERMINATION_DATE"] = 10,
        };

        Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal), KaFields.FixedLimits.OrderBy(e => e.Key, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(KaFields.ActivationData, "123456789")]
    [InlineData(KaFields.PreviousLicenseBody, "AAAAAAAAAAAA")]
    public void ACTIVATION_DATA_and_PREVIOUS_LICENSE_BODY_over_the_configured_limit_are_refused(string field, string value)
    {
        var error = AssertError(Parse(Purchase((KaFields.Action, "RENEW"), (field, value)), new KaLimits(8, 8)), field);

        Assert.Contains("8", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_64_KiB_limit_lets_a_64_KiB_body_through_and_refuses_one_more_character()
    {
        var atLimit = new string('A', 64 * 1024);
        AssertRequest<KaIssueRequest>(Parse(Purchase((KaFields.Action, "RENEW"), (KaFields.PreviousLicenseBody, atLimit))));

        AssertError(Parse(Purchase((KaFields.Action, "RENEW"), (KaFields.PreviousLicenseBody, atLimit + "AAAA"))), KaFields.PreviousLicenseBody);
    }

    [Theory]
    [InlineData("12-34")]
    [InlineData("ka+1")]
    [InlineData("12 34")]
    [InlineData("EXT.001")]
    [InlineData("ü123")]
    [InlineData("١٢٣")]
    [InlineData("12345678901")]
    public void A_PURCHASE_ID_that_is_not_1_to_10_letters_and_digits_is_refused(string purchaseId)
    {
        AssertError(Parse(Purchase((KaFields.PurchaseId, purchaseId))), KaFields.PurchaseId);
    }

    [Theory]
    [InlineData(KaFields.StartDate, "31/02/2016")]
    [InlineData(KaFields.ExpiryDate, "29/02/2015")]
    [InlineData(KaFields.PurchaseDate, "00/01/2016")]
    [InlineData(KaFields.SubscriptionDate, "12/13/2016")]
    [InlineData(KaFields.StartDate, @"12/03\2016")]
    [InlineData(KaFields.ExpiryDate, "2016-04-22")]
    [InlineData(KaFields.PurchaseDate, "12.03.2016")]
    [InlineData(KaFields.SubscriptionDate, "tomorrow")]
    public void A_date_that_is_not_real_is_refused(string field, string value)
    {
        AssertError(Parse(Purchase((field, value))), field);
    }

    [Theory]
    [InlineData("31/09/2016")]
    [InlineData("18-09-2016")]
    public void A_termination_date_that_is_not_real_is_refused(string value)
    {
        AssertError(
            Parse(Decode(TerminateBody).Where(f => f.Key != KaFields.TerminationDate).Append(Field(KaFields.TerminationDate, value))),
            KaFields.TerminationDate);
    }

    [Theory]
    [InlineData("PURCHASE", KaFields.StartDate)]
    [InlineData("PURCHASE", KaFields.ExpiryDate)]
    [InlineData("RENEW", KaFields.StartDate)]
    [InlineData("RENEW", KaFields.ExpiryDate)]
    [InlineData("UPGRADE", KaFields.StartDate)]
    [InlineData("UPGRADE", KaFields.ExpiryDate)]
    public void START_DATE_and_EXPIRY_DATE_are_required_to_issue(string action, string field)
    {
        var product = action == "UPGRADE" ? TestCatalog.Pro : TestCatalog.Basic;

        var error = AssertError(Parse(Purchase((KaFields.Action, action), (KaFields.ProductId, product), (field, null))), field);

        Assert.Contains("missing", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("12/03/2016", "12/03/2016")]
    [InlineData("12/03/2016", "11/03/2016")]
    [InlineData("12/03/2016", "22/04/2015")]
    public void EXPIRY_DATE_not_after_START_DATE_is_refused_as_an_expiration_date_problem(string start, string expiry)
    {
        var error = AssertError(Parse(Purchase((KaFields.StartDate, start), (KaFields.ExpiryDate, expiry), (KaFields.SubscriptionDate, null))), KaFields.ExpiryDate);

        Assert.Contains("expiration date", error, StringComparison.Ordinal);
        Assert.Contains(KaFields.StartDate, error, StringComparison.Ordinal);
    }

    [Fact]
    public void EXPIRY_DATE_before_SUBSCRIPTION_DATE_is_refused()
    {
        var error = AssertError(
            Parse(Purchase((KaFields.SubscriptionDate, "01/05/2016"), (KaFields.StartDate, "12/03/2016"), (KaFields.ExpiryDate, "22/04/2016"))),
            KaFields.ExpiryDate);

        Assert.Contains(KaFields.SubscriptionDate, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(KaFields.Action)]
    [InlineData(KaFields.PurchaseId)]
    [InlineData(KaFields.ProductId)]
    [InlineData(KaFields.StartDate)]
    [InlineData(KaFields.TestMode)]
    [InlineData(KaFields.RegName)]
    public void A_field_sent_twice_is_refused(string field)
    {
        var form = Purchase();
        var again = form.First(f => f.Key == field);
        form.Add(again);

        var error = AssertError(Parse(form), field);

        Assert.Contains("more than once", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_field_sent_twice_is_refused_even_when_the_first_copy_is_empty()
    {
        var form = Purchase((KaFields.ActivationData, ""));
        form.Add(Field(KaFields.ActivationData, "example.com"));

        AssertError(Parse(form), KaFields.ActivationData);
    }

    [Fact]
    public void A_field_sent_twice_as_it_arrives_from_a_form_reader_is_refused()
    {
        var form = Decode(PurchaseBody + "&PURCHASE_ID=87654321");
        Assert.Equal(2, form[KaFields.PurchaseId].Count);

        AssertError(Parse(form), KaFields.PurchaseId);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("abc")]
    [InlineData("NCA4IDE1IDE2IDIzIDQ")]
    [InlineData("NCA4-IDE1_IDE2")]
    [InlineData("====")]
    public void PREVIOUS_LICENSE_BODY_that_is_not_Base64_is_refused(string value)
    {
        AssertError(Parse(Purchase((KaFields.Action, "RENEW"), (KaFields.PreviousLicenseBody, value))), KaFields.PreviousLicenseBody);
    }

    [Fact]
    public void PREVIOUS_LICENSE_BODY_that_is_not_Base64_is_refused_on_terminate_too()
    {
        AssertError(
            Parse(Decode(TerminateBody.Replace("NCA4IDE1IDE2IDIzIDQy", "%25%25%25", StringComparison.Ordinal))),
            KaFields.PreviousLicenseBody);
    }

    // ---- helpers ----

    private static Outcome<KaRequest> Parse(IEnumerable<KeyValuePair<string, StringValues>> form, KaLimits? limits = null) =>
        KaRequestParser.Parse(form, limits ?? DefaultLimits, Today);

    /// <summary>Decodes an urlencoded body the way ASP.NET Core's form reader does ('+' becomes a space).</summary>
    private static Dictionary<string, StringValues> Decode(string body) => new FormReader(body).ReadForm();

    private static KeyValuePair<string, StringValues> Field(string name, string? value) => new(name, value);

    /// <summary>Part C's PURCHASE, with fields replaced (or removed, for a null value).</summary>
    private static List<KeyValuePair<string, StringValues>> Purchase(params (string Name, string? Value)[] changes)
    {
        var form = Decode(PurchaseBody).ToList();
        foreach (var (name, value) in changes)
        {
            var index = form.FindIndex(f => f.Key == name);
            if (value is null)
            {
                if (index >= 0)
                {
                    form.RemoveAt(index);
                }
            }
            else if (index >= 0)
            {
                form[index] = Field(name, value);
            }
            else
            {
                form.Add(Field(name, value));
            }
        }

        return form;
    }

    private static T AssertRequest<T>(Outcome<KaRequest> result)
        where T : KaRequest => Assert.IsType<T>(result.Proceeds());

    private static string AssertError(Outcome<KaRequest> result, string field)
    {
        var refusal = result.Ends();
        Assert.Equal(ReplyStatus.Invalid, refusal.Status);
        Assert.NotNull(refusal.Message);
        Assert.Contains(field, refusal.Message, StringComparison.Ordinal);
        return refusal.Message;
    }
}
