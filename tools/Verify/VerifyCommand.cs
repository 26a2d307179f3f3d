using System.CommandLine;
using System.CommandLine.Invocation;
using System.Globalization;
using System.Text;
using IsvLicensing.Verifier;

namespace Orleans.Licensing.Verify;

/// <summary>
/// <c>verify --jwks &lt;file-or-url&gt; [checks…] [--revocations &lt;file-or-url&gt;] &lt;body-file | -&gt;</c>: prints the claims, then <c>valid</c> or
/// <c>invalid: &lt;check&gt;: &lt;why&gt;</c> as the last line; exits 0, 1 (invalid) or 2 (usage or I/O error).
/// </summary>
internal static class VerifyCommand
{
    private static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(30);

    public static async Task<int> Run(string[] args, TextWriter output, TextWriter error, Func<Stream> openStandardInput)
    {
        var jwks = new Option<string>("--jwks")
        {
            Description = "The service's published keys: a JWKS file, or its URL (https://<host>/.well-known/jwks.json).",
            Required = true,
        };
        var grace = new Option<TimeSpan>("--grace")
        {
            Description = "Accept a license this long after it expired: 7d, 12h, 30m, 45s or 1.12:00:00.",
            CustomParser = result =>
            {
                var text = result.Tokens.Single().Value;
                if (Duration.TryParse(text, out var duration))
                {
                    return duration;
                }

                result.AddError($"--grace: '{text}' is not a duration such as 7d, 12h, 30m or 1.12:00:00.");
                return TimeSpan.Zero;
            },
        };
        var products = new Option<string[]>("--product") { Description = "Accept only this PRODUCT_ID (repeat to accept any of several)." };
        var editions = new Option<string[]>("--edition") { Description = "Accept only this edition (repeat to accept any of several)." };
        var features = new Option<string[]>("--feature") { Description = "Require this feature, with a value other than false (repeat for several)." };
        var allowTest = new Option<bool>("--allow-test") { Description = "Accept licenses issued in KA's test mode." };
        var activation = new Option<string>("--activation") { Description = "The domain, IP address or GUID the license must be bound to." };
        var issuer = new Option<string>("--issuer") { Description = "Require this iss claim." };
        var at = new Option<DateTimeOffset?>("--at")
        {
            Description = "Verify as of this moment (ISO 8601, e.g. 2026-05-01T00:00:00Z) instead of now.",
            CustomParser = result =>
            {
                var text = result.Tokens.Single().Value;
                if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var moment))
                {
                    return moment;
                }

                result.AddError($"--at: '{text}' is not a date and time such as 2026-05-01T00:00:00Z.");
                return null;
            },
        };
        var revocations = new Option<string>("--revocations")
        {
            Description = "The service's revocation document: a file, or its URL (https://<host>/.well-known/revocations.jws). A license it lists is invalid (Revoked).",
        };
        var body = new Argument<string>("body") { Description = "The license body: a file, or - for standard input." };

        var root = new RootCommand("Verifies an Orleans Licensing license body: signature (by kid, against the JWKS), expiry and the checks asked for.")
        {
            jwks, grace, products, editions, features, allowTest, activation, issuer, at, revocations, body,
        };
        root.SetAction(async (parse, cancellation) =>
        {
            var policy = new VerificationPolicy
            {
                GracePeriod = parse.GetValue(grace),
                Products = parse.GetValue(products) ?? [],
                Editions = parse.GetValue(editions) ?? [],
                RequiredFeatures = parse.GetValue(features) ?? [],
                AllowTestLicenses = parse.GetValue(allowTest),
                Activation = parse.GetValue(activation),
                Issuer = parse.GetValue(issuer),
                TimeProvider = parse.GetValue(at) is { } moment ? new FixedTimeProvider(moment) : TimeProvider.System,
            };
            return await Verify(parse.GetValue(jwks)!, parse.GetValue(revocations), parse.GetValue(body)!, policy, output, error, openStandardInput, cancellation);
        });

        var parsed = root.Parse(args);
        if (parsed.Action is ParseErrorAction)
        {
            foreach (var problem in parsed.Errors)
            {
                await error.WriteLineAsync(problem.Message);
            }

            await error.WriteLineAsync("Usage: verify --jwks <file-or-url> [--grace 7d] [--product X] [--edition E] [--feature name] [--allow-test] [--activation value] [--issuer iss] [--at time] [--revocations file-or-url] <body-file | ->  (--help for more)");
            return ExitCode.UsageOrIo;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
    }

    private static async Task<int> Verify(
        string jwksSource, string? revocationsSource, string bodySource, VerificationPolicy policy, TextWriter output, TextWriter error, Func<Stream> openStandardInput, CancellationToken cancellation)
    {
        LicenseVerifier verifier;
        byte[] body;
        try
        {
            var keys = LicenseKeySet.FromJwks(Encoding.UTF8.GetString(await Read(jwksSource, cancellation)));
            if (revocationsSource is not null)
            {
                // A document that does not verify is an error, not "nothing revoked": exit 2, never a silent valid.
                policy = policy with { Revocations = RevocationList.Verify(await Read(revocationsSource, cancellation), keys, policy.Issuer) };
            }

            verifier = new LicenseVerifier(keys, policy);
            body = await ReadBody(bodySource, openStandardInput, cancellation);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or HttpRequestException or TaskCanceledException or FormatException)
        {
            await error.WriteLineAsync($"verify: {e.Message}");
            return ExitCode.UsageOrIo;
        }

        var result = verifier.Verify(body);
        ClaimsWriter.Write(output, result);
        if (policy.Revocations is { } list)
        {
            await output.WriteLineAsync(RevocationsLine(list, policy.TimeProvider.GetUtcNow()));
        }

        if (!result.IsValid)
        {
            await output.WriteLineAsync($"invalid: {result.Failure}: {result.Detail}");
            return ExitCode.Invalid;
        }

        await output.WriteLineAsync(result.InGracePeriod ? "valid (expired, within the grace period)" : "valid");
        return ExitCode.Valid;
    }

    /// <summary>"revocations: issued 2026-05-01T10:00:00Z, 3m old" (and whether it is past its next update): what a stale copy costs.</summary>
    private static string RevocationsLine(RevocationList list, DateTimeOffset now)
    {
        var line = $"revocations: issued {Moment(list.IssuedAt)}, {Age(list.Age(now))} old, {list.Revoked.Count} revoked";
        return list.IsStale(now) ? line + $", past its next update {Moment(list.NextUpdate)}" : line;
    }

    private static string Age(TimeSpan age) => age switch
    {
        { TotalDays: >= 1 } => string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalDays}d {age.Hours}h"),
        { TotalHours: >= 1 } => string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalHours}h {age.Minutes}m"),
        { TotalMinutes: >= 1 } => string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalMinutes}m"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, (int)age.TotalSeconds)}s"),
    };

    private static string Moment(DateTimeOffset moment) =>
        moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static async Task<byte[]> Read(string source, CancellationToken cancellation)
    {
        if (Uri.TryCreate(source, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            using var http = new HttpClient { Timeout = FetchTimeout };
            using var response = await http.GetAsync(uri, cancellation);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"{uri} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            }

            return await response.Content.ReadAsByteArrayAsync(cancellation);
        }

        return await File.ReadAllBytesAsync(source, cancellation);
    }

    private static async Task<byte[]> ReadBody(string source, Func<Stream> openStandardInput, CancellationToken cancellation)
    {
        if (source != "-")
        {
            return await File.ReadAllBytesAsync(source, cancellation);
        }

        await using var input = openStandardInput();
        using var buffer = new MemoryStream();
        await input.CopyToAsync(buffer, cancellation);
        return buffer.ToArray();
    }
}
