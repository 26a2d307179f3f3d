using System.Data.Common;
using System.Globalization;
using Orleans.Licensing.Hosting;
using Orleans.Licensing.Licenses;
using Orleans.Licensing.Storage;
using Orleans.Storage;

namespace Orleans.Licensing.Reporting;

/// <summary>
/// The read model of all licenses (tables LicenseIndex and LicensePeriods), derived from the license grains'
/// stored rows rather than written beside them. Why that is correct after any crash:
/// <list type="bullet">
/// <item>Its only source is what storage holds, i.e. exactly what was answered 200 (B.11): nothing a grain
/// merely believed, and nothing lost between a state write and a second write, because there is no second write.</item>
/// <item>Each license's rows are a pure function of its stored state, tagged with the storage version they came
/// from; <see cref="CatchUp"/> re-derives every license whose version moved on, in a transaction per batch,
/// so a crash half-way leaves rows that are simply stale and redone next time.</item>
/// <item>Periods are keyed by (license, revision) and issuances are append-only, so re-deriving can never count
/// an issuance twice.</item>
/// </list>
/// Every listing and report catches up first, so it reflects everything durable at the moment it was asked,
/// without activating a single license grain.
/// </summary>
public sealed class LicenseIndex(StorageProvider provider, string connectionString, string serviceId, IGrainStorageSerializer serializer)
{
    private const int Batch = 2000;
    private const string Date = "yyyy-MM-dd";

    /// <summary>Re-derives every license whose stored state changed since it was indexed; returns how many.</summary>
    public async Task<int> CatchUp(CancellationToken cancellation = default)
    {
        await using var connection = StorageConnections.Create(provider, connectionString);
        await connection.OpenAsync(cancellation);
        var projected = 0;
        var after = "";
        while (true)
        {
            var changed = await Changed(connection, after, cancellation);
            if (changed.Count == 0)
            {
                return projected;
            }

            await using (var transaction = await connection.BeginTransactionAsync(cancellation))
            {
                foreach (var (key, version, payload) in changed)
                {
                    var state = serializer.Deserialize<LicenseState>(BinaryData.FromBytes(payload));
                    if (state is { Exists: true })
                    {
                        await Project(connection, transaction, key[LicenseGrainKey.Prefix.Length..], version, state, cancellation);
                    }
                }

                await transaction.CommitAsync(cancellation);
            }

            projected += changed.Count;
            after = changed[^1].Key;
        }
    }

    public async Task<LicensePage> List(string? productId, string? status, string? after, int limit, DateOnly today, CancellationToken cancellation = default)
    {
        await using var connection = StorageConnections.Create(provider, connectionString);
        await connection.OpenAsync(cancellation);
        await using var command = connection.CreateCommand();
        var sql = "SELECT PurchaseId, ProductId, TestMode, StartDate, ExpiryDate, TerminatedOn FROM LicenseIndex WHERE ServiceId = @service AND PurchaseId > @after";
        Add(command, "service", serviceId);
        Add(command, "after", after ?? "");
        if (productId is not null)
        {
            sql += " AND ProductId = @product";
            Add(command, "product", productId);
        }

        sql += status switch
        {
            "Terminated" => " AND TerminatedOn IS NOT NULL",
            "Expired" => " AND TerminatedOn IS NULL AND ExpiryDate < @today",
            "Active" => " AND TerminatedOn IS NULL AND ExpiryDate >= @today",
            _ => "",
        };
        Add(command, "today", today.ToString(Date, CultureInfo.InvariantCulture));
        command.CommandText = sql + string.Create(CultureInfo.InvariantCulture, $" ORDER BY PurchaseId LIMIT {limit + 1}");
        var items = new List<LicenseSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            var expiry = ParseDate(reader.GetString(4));
            DateOnly? terminated = reader.IsDBNull(5) ? null : ParseDate(reader.GetString(5));
            items.Add(new LicenseSummary(
                reader.GetString(0),
                reader.GetString(1),
                terminated is not null ? "Terminated" : expiry < today ? "Expired" : "Active",
                Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture) != 0,
                ParseDate(reader.GetString(3)),
                expiry,
                terminated));
        }

        return items.Count > limit ? new LicensePage(items[..limit], items[limit - 1].PurchaseId) : new LicensePage(items, null);
    }

    /// <summary>B.10: real licenses only; test licenses are never billed.</summary>
    public async Task<(int Considered, List<BillingLine> Lines)> Billing(DateOnly firstDay, DateOnly lastDay, CancellationToken cancellation = default)
    {
        await using var connection = StorageConnections.Create(provider, connectionString);
        await connection.OpenAsync(cancellation);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT p.PurchaseId, p.Revision, p.Cause, p.ProductId, p.StartDate, p.ExpiryDate, p.IssuedAt, i.TerminatedOn
            FROM LicensePeriods p
            JOIN LicenseIndex i ON i.ServiceId = p.ServiceId AND i.PurchaseId = p.PurchaseId
            WHERE p.ServiceId = @service AND i.TestMode = 0 AND p.StartDate <= @last AND p.ExpiryDate >= @first
            ORDER BY p.PurchaseId, p.Revision
            """;
        Add(command, "service", serviceId);
        Add(command, "first", firstDay.ToString(Date, CultureInfo.InvariantCulture));
        Add(command, "last", lastDay.ToString(Date, CultureInfo.InvariantCulture));
        var lines = new List<BillingLine>();
        var considered = 0;
        var periods = new List<BilledPeriod>();
        string? current = null;
        DateOnly? terminatedOn = null;
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            var id = reader.GetString(0);
            if (id != current)
            {
                Flush();
                current = id;
                terminatedOn = reader.IsDBNull(7) ? null : ParseDate(reader.GetString(7));
            }

            periods.Add(new BilledPeriod(
                Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture),
                Enum.Parse<IssuanceCause>(reader.GetString(2)),
                reader.GetString(3),
                ParseDate(reader.GetString(4)),
                ParseDate(reader.GetString(5)),
                DateTimeOffset.Parse(reader.GetString(6), CultureInfo.InvariantCulture)));
        }

        Flush();
        return (considered, lines);

        void Flush()
        {
            if (current is null)
            {
                return;
            }

            considered++;
            lines.AddRange(BillingCalculator.Lines(current, periods, terminatedOn, firstDay, lastDay));
            periods.Clear();
        }
    }

    private async Task<List<(string Key, int Version, byte[] Payload)>> Changed(DbConnection connection, string after, CancellationToken cancellation)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = string.Create(CultureInfo.InvariantCulture, $"""
            SELECT s.GrainIdExtensionString, s.Version, s.PayloadBinary
            FROM OrleansStorage s
            LEFT JOIN LicenseIndex i ON i.ServiceId = s.ServiceId AND i.PurchaseId = substr(s.GrainIdExtensionString, {LicenseGrainKey.Prefix.Length + 1})
            WHERE s.ServiceId = @service AND s.GrainTypeString = @type AND s.PayloadBinary IS NOT NULL
              AND s.GrainIdExtensionString > @after
              AND (i.SourceVersion IS NULL OR i.SourceVersion <> s.Version)
            ORDER BY s.GrainIdExtensionString
            LIMIT {Batch}
            """);
        Add(command, "service", serviceId);
        Add(command, "type", LicensingSiloBuilderExtensions.LicenseStateName);
        Add(command, "after", after);
        var rows = new List<(string, int, byte[])>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            rows.Add((reader.GetString(0), Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture), (byte[])reader.GetValue(2)));
        }

        return rows;
    }

    private async Task Project(DbConnection connection, DbTransaction transaction, string purchaseId, int version, LicenseState state, CancellationToken cancellation)
    {
        var current = state.Current;
        await using (var license = connection.CreateCommand())
        {
            license.Transaction = transaction;
            license.CommandText = """
                INSERT INTO LicenseIndex (ServiceId, PurchaseId, ProductId, TestMode, StartDate, ExpiryDate, TerminatedOn, SourceVersion)
                VALUES (@service, @id, @product, @test, @start, @expiry, @terminated, @version)
                ON CONFLICT (ServiceId, PurchaseId) DO UPDATE SET
                    ProductId = excluded.ProductId, TestMode = excluded.TestMode, StartDate = excluded.StartDate,
                    ExpiryDate = excluded.ExpiryDate, TerminatedOn = excluded.TerminatedOn, SourceVersion = excluded.SourceVersion
                """;
            Add(license, "service", serviceId);
            Add(license, "id", purchaseId);
            Add(license, "product", current.ProductId);
            Add(license, "test", current.TestMode ? 1 : 0);
            Add(license, "start", current.StartDate.ToString(Date, CultureInfo.InvariantCulture));
            Add(license, "expiry", current.ExpiryDate.ToString(Date, CultureInfo.InvariantCulture));
            Add(license, "terminated", state.TerminatedOn?.ToString(Date, CultureInfo.InvariantCulture));
            Add(license, "version", version);
            await license.ExecuteNonQueryAsync(cancellation);
        }

        foreach (var issuance in state.Issuances)
        {
            await using var period = connection.CreateCommand();
            period.Transaction = transaction;
            period.CommandText = """
                INSERT INTO LicensePeriods (ServiceId, PurchaseId, Revision, Cause, ProductId, TestMode, StartDate, ExpiryDate, IssuedAt)
                VALUES (@service, @id, @revision, @cause, @product, @test, @start, @expiry, @issued)
                ON CONFLICT (ServiceId, PurchaseId, Revision) DO NOTHING
                """;
            Add(period, "service", serviceId);
            Add(period, "id", purchaseId);
            Add(period, "revision", issuance.Revision);
            Add(period, "cause", issuance.Cause.ToString());
            Add(period, "product", issuance.ProductId);
            Add(period, "test", issuance.TestMode ? 1 : 0);
            Add(period, "start", issuance.StartDate.ToString(Date, CultureInfo.InvariantCulture));
            Add(period, "expiry", issuance.ExpiryDate.ToString(Date, CultureInfo.InvariantCulture));
            Add(period, "issued", issuance.IssuedAt.ToString("O", CultureInfo.InvariantCulture));
            await period.ExecuteNonQueryAsync(cancellation);
        }
    }

    private static DateOnly ParseDate(string text) => DateOnly.ParseExact(text, Date, CultureInfo.InvariantCulture);

    private static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        if (value is null)
        {
            parameter.DbType = System.Data.DbType.String;
        }

        command.Parameters.Add(parameter);
    }
}
