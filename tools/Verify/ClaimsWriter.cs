using System.Globalization;
using IsvLicensing.Verifier;

namespace Orleans.Licensing.Verify;

/// <summary>Prints what a body says, one claim a line under its JSON name, so people and grep read the same words.</summary>
internal static class ClaimsWriter
{
    public static void Write(TextWriter output, VerificationResult result)
    {
        if (result.KeyId is { } kid)
        {
            Line(output, "kid", kid);
        }

        if (result.Claims is not { } claims)
        {
            return;
        }

        Line(output, "iss", claims.Issuer);
        Line(output, "sub", claims.PurchaseId);
        Line(output, "rev", claims.Revision.ToString(CultureInfo.InvariantCulture));
        Line(output, "product", claims.ProductId);
        Line(output, "edition", claims.Edition);
        Line(output, "features", string.Join(", ", claims.Features.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value}")));
        Line(output, "test", claims.Test ? "true" : "false");
        Line(output, "reg_name", claims.RegName);
        Line(output, "activation", claims.Activation);
        Line(output, "subscribed", claims.SubscriptionDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Line(output, "start", claims.StartDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Line(output, "expiry", claims.ExpiryDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Line(output, "exp", Moment(claims.ExpiresAt));
        Line(output, "iat", Moment(claims.IssuedAt));
    }

    private static void Line(TextWriter output, string name, string? value)
    {
        if (value is not null)
        {
            output.WriteLine($"{name + ":",-12}{value}");
        }
    }

    private static string Moment(DateTimeOffset moment) =>
        moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
