using System.Globalization;

namespace Orleans.Licensing.IntegrationTests.Fuzz;

/// <summary>
/// Generates requests for every surface of the frontend from one seed: KA forms with random fields, values and
/// dates across years 0001–9999, odd encodings, multipart and truncated bodies, wrong methods and credentials, and
/// the operator API, JWKS, health, metrics and dashboard with random parameters. Licenses it creates get their own
/// ids (<c>F…</c>), so the witnesses a test keeps elsewhere are never touched.
/// </summary>
internal sealed class HttpFuzzer(int seed)
{
    private static readonly string[] Fields =
    [
        "APS_PROTOCOL_MODEL", "APS_ACTION", "APS_TEST_MODE", "ACTIVATION_DATA", "PURCHASE_ID", "PRODUCT_ID", "PURCHASE_DATE",
        "SUBSCRIPTION_DATE", "START_DATE", "EXPIRY_DATE", "PREVIOUS_LICENSE_BODY", "REG_NAME", "APS_TERMINATION_DATE",
        "®_NAME", "aps_action", "UNKNOWN_FIELD", "",
    ];

    private static readonly string[] Actions = ["PURCHASE", "RENEW", "UPGRADE", "TERMINATE", "GET-INFO", "purchase", "DELETE", "", "PURCHASE "];
    private static readonly string[] Products = ["someproduct1", "someproduct1-pro", "unknown-product", "", "SOMEPRODUCT1", new string('p', 31)];
    private static readonly string[] Separators = ["/", "\\", "%5c", "%2f", "%5C", "-", ".", "", " "];
    private static readonly string[] OperatorPaths = ["/operator/licenses", "/operator/licenses/", "/operator/billing", "/operator", "/operator/"];
    private static readonly string[] OtherPaths =
    [
        "/.well-known/jwks.json", "/.well-known/revocations.jws", "/health/live", "/health/ready", "/health/startup", "/metrics",
        "/dashboard", "/dashboard/", "/dashboard/index.html", "/dashboard/DashboardCounters", "/dashboard/ClusterStats", "/", "/ka/",
        "/KA", "/%2e%2e/etc/passwd", "/ka%00", "/operator/licenses/%2F..%2F", "/favicon.ico",
    ];

    private readonly Random _random = new(seed);
    private readonly List<string> _ids = [];
    private readonly List<string> _bodies = [];
    private int _next;

    /// <summary>A body the service issued during the fuzz: later requests send it back as PREVIOUS_LICENSE_BODY.</summary>
    public void Issued(string purchaseId, byte[] body)
    {
        lock (_bodies)
        {
            _bodies.Add(Convert.ToBase64String(body));
            if (_bodies.Count > 200)
            {
                _bodies.RemoveAt(0);
            }
        }
    }

    public FuzzRequest Next()
    {
        var roll = _random.Next(100);
        return roll switch
        {
            < 50 => KaForm(),
            < 58 => KaOddBody(),
            < 62 => KaOtherMethod(),
            < 66 => KaAuthentication(),
            < 84 => Operator(),
            < 92 => Other(),
            _ => Raw(),
        };
    }

    private FuzzRequest KaForm()
    {
        var pairs = new List<string>();
        var structured = _random.Next(3) > 0;
        if (structured)
        {
            // What KA sends, with at most a field or two mutated, so that most requests get past the parser and
            // reach the license grains: PURCHASE, RENEW, UPGRADE and TERMINATE on licenses that exist.
            var action = Pick(Actions[..5]);
            var start = new DateOnly(2016, 1, 1).AddDays(_random.Next(0, 3000));
            var expiry = start.AddDays(_random.Next(-5, 400));
            Add("APS_ACTION", action);
            Add("APS_PROTOCOL_MODEL", Mutated(0.1) ? Pick(["2", "4", "", "03", Value()]) : "3");
            Add("APS_TEST_MODE", Mutated(0.1) ? Pick(["y", "X", "", Value()]) : Pick(["N", "Y"]));
            Add("PURCHASE_ID", PurchaseId());
            Add("PRODUCT_ID", Mutated(0.1) ? Pick(Products) : Pick(Products[..2]));
            Add("PURCHASE_DATE", Mutated(0.1) ? Date() : KaDate(start));
            Add("SUBSCRIPTION_DATE", Mutated(0.1) ? Date() : KaDate(start));
            Add("START_DATE", Mutated(0.1) ? Date() : KaDate(start));
            Add("EXPIRY_DATE", Mutated(0.1) ? Date() : KaDate(expiry));
            Maybe(action == "TERMINATE" ? 0.9 : 0.05, () => Add("APS_TERMINATION_DATE", Mutated(0.2) ? Date() : KaDate(start.AddDays(_random.Next(0, 500)))));
            Maybe(0.8, () => Add("REG_NAME", Mutated(0.2) ? Value() : "54321"));
            Maybe(0.2, () => Add("ACTIVATION_DATA", Value()));
            Maybe(action is "RENEW" or "UPGRADE" or "TERMINATE" ? 0.7 : 0.1, () => Add("PREVIOUS_LICENSE_BODY", PreviousBody()));
        }

        var extra = structured ? (Mutated(0.2) ? 1 : 0) : _random.Next(14);
        for (var i = 0; i < extra; i++)
        {
            Add(Pick(Fields), Value());
        }

        var form = string.Join(Pick(["&", "&", "&", ";", "&&"]), pairs);
        return Ka("form", "POST", Encode(form), Pick(["application/x-www-form-urlencoded", "application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=utf-8", "application/x-www-form-urlencoded; charset=utf-16", "APPLICATION/X-WWW-FORM-URLENCODED"]));

        void Add(string name, string value) => pairs.Add($"{name}={value}");
    }

    private FuzzRequest KaOddBody()
    {
        var boundary = "fz" + _random.Next(100000).ToString(CultureInfo.InvariantCulture);
        var multipart = $"--{boundary}\r\nContent-Disposition: form-data; name=\"APS_ACTION\"\r\n\r\nPURCHASE\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"PURCHASE_ID\"\r\n\r\n{PurchaseId()}\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"START_DATE\"\r\n\r\n{Date()}\r\n--{boundary}--\r\n";
        return _random.Next(9) switch
        {
            0 => Ka("multipart", "POST", Bytes(multipart), $"multipart/form-data; boundary={boundary}"),
            1 => Ka("multipart-truncated", "POST", Bytes(multipart[.._random.Next(multipart.Length)]), $"multipart/form-data; boundary={boundary}"),
            2 => Ka("multipart-no-boundary", "POST", Bytes(multipart), "multipart/form-data"),
            3 => Ka("multipart-file", "POST", Bytes(multipart.Replace("name=\"PURCHASE_ID\"", "name=\"PURCHASE_ID\"; filename=\"a.txt\"", StringComparison.Ordinal)), $"multipart/form-data; boundary={boundary}"),
            4 => Ka("json", "POST", Bytes("{\"APS_ACTION\":\"PURCHASE\"}"), "application/json"),
            5 => Ka("no-content-type", "POST", Bytes("APS_ACTION=PURCHASE&PURCHASE_ID=1"), null),
            6 => Ka("bytes", "POST", RandomBytes(_random.Next(0, 2000)), "application/x-www-form-urlencoded"),
            7 => Ka("large", "POST", Bytes("ACTIVATION_DATA=" + new string('a', _random.Next(2) == 0 ? 70_000 : 1_100_000)), "application/x-www-form-urlencoded"),
            _ => Ka("empty", "POST", [], "application/x-www-form-urlencoded"),
        };
    }

    private FuzzRequest KaOtherMethod() =>
        Ka("method", Pick(["GET", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE"]), Bytes("APS_ACTION=PURCHASE"), "application/x-www-form-urlencoded");

    private FuzzRequest KaAuthentication()
    {
        var authorization = _random.Next(8) switch
        {
            0 => null,
            1 => "Basic",
            2 => "Basic !!!notbase64",
            3 => "Bearer abc",
            4 => "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("john")),
            5 => Basic("operator", "operator-dev"),
            6 => "Basic " + Convert.ToBase64String(RandomBytes(_random.Next(0, 60))),
            _ => Basic(Value(), Value()),
        };
        var headers = new List<KeyValuePair<string, string>> { new("Content-Type", "application/x-www-form-urlencoded") };
        if (authorization is not null)
        {
            headers.Add(new("Authorization", authorization));
        }

        return new FuzzRequest("ka-auth", "POST", "/ka", headers, Bytes($"APS_ACTION=GET-INFO&APS_PROTOCOL_MODEL=3&PURCHASE_ID={PurchaseId()}&PRODUCT_ID=someproduct1"));
    }

    private FuzzRequest Operator()
    {
        var headers = new List<KeyValuePair<string, string>>();
        if (_random.Next(10) > 0)
        {
            headers.Add(new("Authorization", _random.Next(10) > 0 ? Basic("operator", "operator-dev") : Basic("john", "qwe123")));
        }

        switch (_random.Next(6))
        {
            case 0:
                return new FuzzRequest("operator-list", "GET", "/operator/licenses" + Query(("limit", Number()), ("status", Pick(["Active", "Expired", "Terminated", "active", "", Value()])), ("product", Pick(Products)), ("after", Maybe(PurchaseId())), ("x", Value())), headers, null);
            case 1:
                return new FuzzRequest("operator-describe", "GET", "/operator/licenses/" + Escape(PurchaseId()), headers, null);
            case 2:
                headers.Add(new("Content-Type", Pick(["application/json", "application/json", "text/plain", "application/x-www-form-urlencoded"])));
                return new FuzzRequest("operator-usage", Pick(["PUT", "PUT", "PUT", "POST", "DELETE"]), $"/operator/licenses/{Escape(PurchaseId())}/usage", headers, Bytes(UsageJson()));
            case 3:
                return new FuzzRequest("operator-billing", "GET", "/operator/billing" + Query(("from", IsoDate()), ("to", IsoDate()), ("format", Pick(["json", "csv", "xml", "", Value()]))), headers, null);
            case 4:
                return new FuzzRequest("operator-method", Pick(["POST", "DELETE", "PATCH", "PUT"]), Pick(OperatorPaths), headers, Bytes(Value()));
            default:
                return new FuzzRequest("operator-path", "GET", Pick(OperatorPaths) + Escape(Value()), headers, null);
        }
    }

    private FuzzRequest Other()
    {
        var headers = new List<KeyValuePair<string, string>>();
        if (_random.Next(2) == 0)
        {
            headers.Add(new("Authorization", Basic("operator", "operator-dev")));
        }

        if (_random.Next(4) == 0)
        {
            headers.Add(new("If-None-Match", Pick(["\"x\"", "*", "W/\"abc\"", "\"" + _random.Next() + "\""])));
        }

        var path = _random.Next(5) == 0 ? "/" + Escape(Value()) + Pick(["", "?", "?a=%zz&b"]) : Pick(OtherPaths);
        return new FuzzRequest("other", Pick(["GET", "GET", "GET", "HEAD", "POST", "DELETE"]), path, headers, null);
    }

    private FuzzRequest Raw()
    {
        var form = System.Text.Encoding.ASCII.GetBytes($"APS_ACTION=PURCHASE&PURCHASE_ID={PurchaseId()}&PRODUCT_ID=someproduct1&START_DATE={Date()}&EXPIRY_DATE={Date()}");
        var auth = Basic("john", "qwe123");
        var text = _random.Next(6) switch
        {
            // Promises more bytes than it sends, then stops sending.
            0 or 1 => $"POST /ka HTTP/1.1\r\nHost: x\r\nAuthorization: {auth}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {form.Length + 1 + _random.Next(5000)}\r\n\r\n{System.Text.Encoding.ASCII.GetString(form)}",
            2 => $"POST /ka HTTP/1.1\r\nHost: x\r\nAuthorization: {auth}\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n{form.Length:x}\r\n{System.Text.Encoding.ASCII.GetString(form)}\r\n",
            3 => $"{Pick(["GET", "POST", "FOO"])} {Pick(["/ka", "ka", "/ka?x", "*", "http://x/ka"])} {Pick(["HTTP/1.1", "HTTP/9.9", "HTTP/1.0", ""])}\r\nHost: x\r\n\r\n",
            4 => $"POST /ka HTTP/1.1\r\nHost: x\r\nAuthorization: {auth}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {form.Length}\r\nX-Junk: {new string('j', _random.Next(100, 40000))}\r\n\r\n{System.Text.Encoding.ASCII.GetString(form)}",
            _ => $"POST /ka HTTP/1.1\r\nHost: x\r\nAuthorization: {auth}\r\nContent-Length: abc\r\n\r\n",
        };
        return new FuzzRequest("raw", "RAW", "/ka", [], null, System.Text.Encoding.ASCII.GetBytes(text));
    }

    private static FuzzRequest Ka(string surface, string method, byte[] body, string? contentType)
    {
        var headers = new List<KeyValuePair<string, string>> { new("Authorization", Basic("john", "qwe123")) };
        if (contentType is not null)
        {
            headers.Add(new("Content-Type", contentType));
        }

        return new FuzzRequest("ka-" + surface, method, "/ka", headers, body);
    }

    private string PurchaseId()
    {
        lock (_ids)
        {
            // Mostly ids of the fuzz's own that recur (so RENEW, UPGRADE and TERMINATE meet licenses that exist).
            if (_random.Next(10) < 7)
            {
                if (_ids.Count < 300 && _random.Next(3) == 0)
                {
                    _ids.Add("F" + (++_next).ToString(CultureInfo.InvariantCulture));
                }

                if (_ids.Count > 0)
                {
                    return _ids[_random.Next(_ids.Count)];
                }
            }
        }

        return _random.Next(5) switch
        {
            0 => "F" + new string('9', _random.Next(0, 12)),
            1 => "F-1",
            2 => "",
            3 => "F0" + _random.Next(1000).ToString(CultureInfo.InvariantCulture),
            _ => "F" + Value(),
        };
    }

    private string PreviousBody()
    {
        lock (_bodies)
        {
            if (_bodies.Count > 0 && _random.Next(3) > 0)
            {
                var body = _bodies[_random.Next(_bodies.Count)];
                return _random.Next(4) switch
                {
                    0 => body.Replace('+', ' '),
                    1 => body[..(body.Length / 2)],
                    _ => Uri.EscapeDataString(body),
                };
            }
        }

        return Pick(["", "!!!", "AAAA", "QUJD", Convert.ToBase64String(RandomBytes(40))]);
    }

    /// <summary>DD/MM/YYYY with any year 0001–9999, odd days and months, every separator KA or a fuzzer might use.</summary>
    private string Date()
    {
        var day = _random.Next(0, 33);
        var month = _random.Next(0, 14);
        var year = _random.Next(4) switch
        {
            0 => _random.Next(1, 10000),
            1 => _random.Next(1965, 2205),
            _ => _random.Next(2000, 2040),
        };
        var separator = Pick(Separators);
        return _random.Next(12) switch
        {
            0 => Value(),
            1 => string.Create(CultureInfo.InvariantCulture, $"{day}{separator}{month}{separator}{year}"),
            2 => string.Create(CultureInfo.InvariantCulture, $"{year:0000}-{month:00}-{day:00}"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{day:00}{separator}{month:00}{separator}{year:0000}"),
        };
    }

    private string KaDate(DateOnly day) =>
        day.ToString(Pick(["dd'%5c'MM'%5c'yyyy", "dd'/'MM'/'yyyy", "dd'%2f'MM'%2f'yyyy", "dd'%5C'MM'%5C'yyyy"]), CultureInfo.InvariantCulture);

    private bool Mutated(double probability) => _random.NextDouble() < probability;

    private string IsoDate() => _random.Next(6) switch
    {
        0 => Value(),
        1 => "",
        _ => string.Create(CultureInfo.InvariantCulture, $"{_random.Next(1, 10000):0000}-{_random.Next(0, 14):00}-{_random.Next(0, 33):00}"),
    };

    private string Number() => Pick(["1", "100", "1000", "1001", "0", "-1", "99999999999", "abc", ""]);

    private string UsageJson() => _random.Next(8) switch
    {
        0 => "{\"usedAccounts\":" + Pick(["0", "1", "-1", "9223372036854775807", "9223372036854775808", "1.5", "1e3", "\"7\"", "null", "[]"]) + "}",
        1 => "{\"usedAccounts\":3,\"usedClusters\":4}",
        2 => "{\"unknownCounter\":1}",
        3 => "{\"usedAccounts\":1,\"usedAccounts\":2}",
        4 => Pick(["[]", "null", "1", "\"x\"", "{", "", "{\"a\":{\"b\":[1,2,{}]}}"]),
        5 => "{" + string.Join(',', Enumerable.Range(0, _random.Next(1, 300)).Select(i => $"\"c{i}\":{i}")) + "}",
        6 => System.Text.Encoding.UTF8.GetString(RandomBytes(_random.Next(1, 100))),
        _ => "{\"" + Value() + "\":" + _random.Next() + "}",
    };

    /// <summary>A field value: plausible, random text, percent-escapes of random bytes, or long.</summary>
    private string Value() => _random.Next(7) switch
    {
        0 => Pick(["PURCHASE", "2", "3", "Y", "N", "someproduct1", "12%5c03%5c2016", "31/02/2016", "29\\02\\2016", "=", "&&", "+", "%", "%ZZ", "%00", "10.0.0.1", "example.com"]),
        1 => Escape(RandomText(_random.Next(0, 40))),
        2 => string.Concat(RandomBytes(_random.Next(0, 30)).Select(b => $"%{b:X2}")),
        3 => new string((char)_random.Next('a', 'z' + 1), _random.Next(90, 300)),
        4 => RandomText(_random.Next(0, 20)).Replace("&", "", StringComparison.Ordinal),
        _ => string.Concat(Enumerable.Range(0, _random.Next(1, 12)).Select(_ => (char)_random.Next('0', 'z' + 1))).Replace("&", "", StringComparison.Ordinal),
    };

    private string RandomText(int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = _random.Next(4) switch
            {
                0 => (char)_random.Next(0, 32),
                1 => (char)_random.Next(0x80, 0x800),
                2 => (char)_random.Next(0xD800, 0xE000), // lone surrogates
                _ => (char)_random.Next(32, 127),
            };
        }

        return new string(chars);
    }

    /// <summary>How the whole form travels: as written, all escaped, with a BOM, a NUL, or as Latin-1.</summary>
    private byte[] Encode(string form) => _random.Next(10) switch
    {
        0 => [0xEF, 0xBB, 0xBF, .. Bytes(form)],
        1 => Bytes(form + "%00"),
        2 => System.Text.Encoding.Latin1.GetBytes(form + "é"),
        3 => Bytes(form.Replace("=", "%3D", StringComparison.Ordinal)),
        _ => Bytes(form),
    };

    private string Query(params (string Name, string? Value)[] parameters) =>
        "?" + string.Join('&', parameters.Where(p => p.Value is not null && _random.Next(4) > 0).Select(p => $"{p.Name}={Escape(p.Value!)}"));

    private string? Maybe(string value) => _random.Next(2) == 0 ? value : null;

    private void Maybe(double probability, Action action)
    {
        if (_random.NextDouble() < probability)
        {
            action();
        }
    }

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>Percent-escapes the UTF-8 of any text (lone surrogates become U+FFFD), keeping letters and digits.</summary>
    private static string Escape(string text) =>
        string.Concat(System.Text.Encoding.UTF8.GetBytes(text).Select(b => char.IsAsciiLetterOrDigit((char)b) ? ((char)b).ToString() : $"%{b:X2}"));

    private static byte[] Bytes(string text) => System.Text.Encoding.UTF8.GetBytes(text);

    private static string Basic(string user, string password) =>
        "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{user}:{password}"));
}
