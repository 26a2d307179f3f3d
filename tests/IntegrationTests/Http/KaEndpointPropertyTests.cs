using System.Net;
using System.Text;
using CsCheck;
using Orleans.Licensing.IntegrationTests.Support;

namespace Orleans.Licensing.IntegrationTests.Http;

/// <summary>No form body makes the real endpoint answer 5xx: bad input is the client's error, never ours.</summary>
[Collection(FrontendCollection.Name)]
public sealed class KaEndpointPropertyTests(EmbeddedFrontend frontend)
{
    private static readonly string[] Fields =
    [
        "APS_PROTOCOL_MODEL", "APS_ACTION", "APS_TEST_MODE", "ACTIVATION_DATA", "PURCHASE_ID", "PRODUCT_ID", "PURCHASE_DATE",
        "SUBSCRIPTION_DATE", "START_DATE", "EXPIRY_DATE", "PREVIOUS_LICENSE_BODY", "REG_NAME", "APS_TERMINATION_DATE", "OTHER",
    ];

    private static readonly string[] Plausible =
    [
        "PURCHASE", "RENEW", "UPGRADE", "TERMINATE", "GET-INFO", "2", "3", "Y", "N", "someproduct1", "someproduct1-pro",
        "12%5c03%5c2016", "22/04/2016", "31/02/2016", "29\\02\\2016", "NCA4IDE1IDE2IDIzIDQy", "%ZZ", "%", "=", "&&", "+", "",
    ];

    private static readonly Gen<string> Value = Gen.OneOf(
        Gen.OneOfConst(Plausible),
        Gen.String[Gen.Char, 0, 40].Select(Uri.EscapeDataString),
        Gen.String[Gen.Char.AlphaNumeric, 1, 12],
        Gen.Byte.Array[0, 30].Select(bytes => string.Concat(bytes.Select(b => $"%{b:X2}"))));

    private static readonly Gen<string> Form =
        Gen.Select(Gen.OneOfConst(Fields), Value, (name, value) => $"{name}={value}")
            .Array[0, 14]
            .Select(pairs => string.Join('&', pairs));

    [Fact]
    public async Task No_form_body_gets_a_server_error()
    {
        var ka = frontend.NewClient();
        var failures = new List<string>();
        foreach (var form in Form.Array[150].Single())
        {
            var answer = await ka.Post(form);
            if ((int)answer.Status >= 500 || !answer.ContentType!.StartsWith("text/plain", StringComparison.Ordinal) && answer.Status != HttpStatusCode.OK)
            {
                failures.Add($"{(int)answer.Status} {answer.Text} <- {form}");
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public async Task Raw_bytes_that_are_not_even_text_get_a_client_error_at_most()
    {
        var ka = frontend.NewClient();
        foreach (var bytes in Gen.Byte.Array[0, 200].Array[60].Single())
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/ka") { Content = new ByteArrayContent(bytes) };
            request.Content.Headers.ContentType = new("application/x-www-form-urlencoded");
            request.Headers.Authorization = new("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("john:qwe123")));
            using var response = await ka.Http.SendAsync(request);
            Assert.True((int)response.StatusCode < 500, $"{response.StatusCode} for {Convert.ToHexString(bytes)}");
        }
    }
}
