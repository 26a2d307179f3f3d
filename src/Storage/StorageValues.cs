using System.Data.Common;
using System.Globalization;
using Orleans.Licensing.Licenses;

namespace Orleans.Licensing.Storage;

/// <summary>
/// How license rows hold values on both databases, and the one way to bind them: dates as ISO text
/// (yyyy-MM-dd), instants as ISO 8601 round-trip text, so the same SQL serves SQLite and PostgreSQL.
/// </summary>
internal static class StorageValues
{
    private const string DateFormat = "yyyy-MM-dd";

    /// <summary>An issuance row; the command binds @service, @id and the issuance (<see cref="SetIssuance"/>).</summary>
    public const string InsertIssuance = """
        INSERT INTO LicenseIssuances (ServiceId, PurchaseId, Revision, Cause, ProductId, TestMode, RegName, ActivationData, SubscriptionDate,
                                      StartDate, ExpiryDate, ExpiresAt, IssuedAt, KeyId, Body)
        VALUES (@service, @id, @revision, @cause, @product, @test, @reg, @activation, @subscription, @start, @expiry, @expiresAt, @issuedAt, @key, @body)
        """;

    public static string Text(DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);

    public static string Text(DateTimeOffset instant) => instant.ToString("O", CultureInfo.InvariantCulture);

    public static string? Text(DateOnly? date) => date is { } day ? Text(day) : null;

    public static DateOnly Day(string text) => DateOnly.ParseExact(text, DateFormat, CultureInfo.InvariantCulture);

    public static DateTimeOffset Instant(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    /// <summary>Binds a parameter, or rebinds it when the command is reused for the next row.</summary>
    public static void Set(DbCommand command, string name, object? value)
    {
        if (command.Parameters.Contains(name))
        {
            command.Parameters[name].Value = value ?? DBNull.Value;
            return;
        }

        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        if (value is null)
        {
            parameter.DbType = System.Data.DbType.String;
        }

        command.Parameters.Add(parameter);
    }

    /// <summary>A license row's columns: what listings filter on, and the encoded state.</summary>
    public static void SetLicense(DbCommand command, LicenseState state, byte[] encoded)
    {
        var current = state.Current;
        Set(command, "product", current.ProductId);
        Set(command, "test", current.TestMode ? 1 : 0);
        Set(command, "start", Text(current.StartDate));
        Set(command, "expiry", Text(current.ExpiryDate));
        Set(command, "terminated", Text(state.TerminatedOn));
        Set(command, "revision", current.Revision);
        Set(command, "state", encoded);
    }

    public static void SetIssuance(DbCommand command, Issuance issued)
    {
        Set(command, "revision", issued.Revision);
        Set(command, "cause", issued.Cause.ToString());
        Set(command, "product", issued.ProductId);
        Set(command, "test", issued.TestMode ? 1 : 0);
        Set(command, "reg", issued.RegName);
        Set(command, "activation", issued.ActivationData);
        Set(command, "subscription", Text(issued.SubscriptionDate));
        Set(command, "start", Text(issued.StartDate));
        Set(command, "expiry", Text(issued.ExpiryDate));
        Set(command, "expiresAt", Text(issued.ExpiresAt));
        Set(command, "issuedAt", Text(issued.IssuedAt));
        Set(command, "key", issued.KeyId);
        Set(command, "body", issued.Body);
    }
}
