using System.Data.Common;
using System.Globalization;
using Orleans.Licensing.Storage;

namespace Orleans.Licensing.IntegrationTests.Migration;

/// <summary>Reads a license database's rows as they are, the same SQL on SQLite and PostgreSQL.</summary>
internal sealed class StoredRows(StorageProvider provider, Func<DbConnection> connect)
{
    /// <summary>The licenses Orleans' grain storage holds; none when its table is gone (the migration drops it).</summary>
    public async Task<IReadOnlyList<LegacyGrainRow>> LegacyLicenses()
    {
        var exists = await Query(
            provider == StorageProvider.Sqlite
                ? "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'OrleansStorage'"
                : "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'orleansstorage'",
            r => Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture));
        return exists[0] == 0
            ? []
            : await Query(
                "SELECT ServiceId, GrainIdExtensionString FROM OrleansStorage WHERE GrainTypeString = 'license' ORDER BY GrainIdExtensionString",
                r => new LegacyGrainRow(r.GetString(0), r.GetString(1)));
    }

    public async Task<IReadOnlyList<string>> AppliedScripts() =>
        await Query("SELECT Script FROM LicensingSchemaVersions ORDER BY Script", r => r.GetString(0));

    public async Task<IReadOnlyList<LicenseRow>> Licenses() =>
        await Query(
            """
            SELECT ServiceId, PurchaseId, Version, ProductId, TestMode, StartDate, ExpiryDate, TerminatedOn, Revision, State
            FROM Licenses ORDER BY PurchaseId
            """,
            r => new LicenseRow(
                r.GetString(0),
                r.GetString(1),
                Int(r, 2),
                r.GetString(3),
                Int(r, 4) != 0,
                r.GetString(5),
                r.GetString(6),
                r.IsDBNull(7) ? null : r.GetString(7),
                Int(r, 8),
                (byte[])r.GetValue(9)));

    public async Task<IReadOnlyList<IssuanceRow>> Issuances() =>
        await Query(
            """
            SELECT ServiceId, PurchaseId, Revision, Cause, ProductId, TestMode, RegName, ActivationData, SubscriptionDate,
                   StartDate, ExpiryDate, ExpiresAt, IssuedAt, KeyId, Body
            FROM LicenseIssuances ORDER BY PurchaseId, Revision
            """,
            r => new IssuanceRow(
                r.GetString(0),
                r.GetString(1),
                Int(r, 2),
                r.GetString(3),
                r.GetString(4),
                Int(r, 5) != 0,
                r.IsDBNull(6) ? null : r.GetString(6),
                r.IsDBNull(7) ? null : r.GetString(7),
                r.IsDBNull(8) ? null : r.GetString(8),
                r.GetString(9),
                r.GetString(10),
                Instant(r.GetString(11)),
                Instant(r.GetString(12)),
                r.GetString(13),
                (byte[])r.GetValue(14)));

    public async Task<IReadOnlyList<AuditRow>> Audit() =>
        await Query(
            "SELECT ServiceId, PurchaseId, Version, Entry, At, Cause, Detail FROM LicenseAudit ORDER BY PurchaseId, Version, Entry",
            r => new AuditRow(r.GetString(0), r.GetString(1), Int(r, 2), Int(r, 3), Instant(r.GetString(4)), r.GetString(5), r.GetString(6)));

    /// <summary>The instants are ISO 8601 text in both databases.</summary>
    public static DateTimeOffset Instant(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private static int Int(DbDataReader reader, int ordinal) => Convert.ToInt32(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    private async Task<IReadOnlyList<T>> Query<T>(string sql, Func<DbDataReader, T> read)
    {
        await using var connection = connect();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
