using System.Data.Common;
using System.Globalization;
using Orleans.Licensing.Licenses;
using Orleans.Licensing.Reporting;

namespace Orleans.Licensing.Storage;

/// <summary>
/// Listings and the billing report, read straight from the license store's rows: the state rows carry each
/// license's product, test flag, dates and termination as columns, and the issuance history every period billed.
/// Both are written in the transaction that answered 200 (B.11), so a query sees exactly what is durable,
/// without activating a license grain or decoding a state.
/// </summary>
public sealed class LicenseQueries(StorageProvider provider, string connectionString, string serviceId) : ILicenseQueries
{
    /// <summary>The operator API's list: <see cref="Search"/> by PURCHASE_ID with no prefix or test filter.</summary>
    public Task<LicensePage> List(string? productId, string? status, string? after, int limit, DateOnly today, CancellationToken cancellation = default) =>
        Search(new LicenseSearch(null, productId, status, null, ByExpiry: false, after, limit), today, cancellation);

    /// <summary>
    /// The console's list. The prefix is a range on the primary key (the bounds hold under byte order, which SQLite
    /// uses and PostgreSQL uses under the C collation), checked again with <c>substr</c>. By expiry, the next page
    /// continues after <c>expiry/PURCHASE_ID</c> on IX_Licenses_Expiry.
    /// </summary>
    public async Task<LicensePage> Search(LicenseSearch search, DateOnly today, CancellationToken cancellation = default)
    {
        await using var connection = StorageConnections.Create(provider, connectionString);
        await connection.OpenAsync(cancellation);
        await using var command = connection.CreateCommand();
        var sql = $"SELECT {SummaryColumns} FROM Licenses WHERE ServiceId = @service";
        StorageValues.Set(command, "service", serviceId);
        if (!string.IsNullOrEmpty(search.PurchaseIdPrefix))
        {
            var prefix = search.PurchaseIdPrefix;
            sql += string.Create(CultureInfo.InvariantCulture, $" AND PurchaseId >= @prefix AND substr(PurchaseId, 1, {prefix.Length}) = @prefix");
            StorageValues.Set(command, "prefix", prefix);
            if (UpperBound(prefix) is { } upper)
            {
                sql += " AND PurchaseId < @upper";
                StorageValues.Set(command, "upper", upper);
            }
        }

        if (search.ProductId is not null)
        {
            sql += " AND ProductId = @product";
            StorageValues.Set(command, "product", search.ProductId);
        }

        if (search.TestMode is { } test)
        {
            sql += " AND TestMode = @test";
            StorageValues.Set(command, "test", test ? 1 : 0);
        }

        sql += StatusCondition(search.Status);
        StorageValues.Set(command, "today", StorageValues.Text(today));
        if (search.After is { } after)
        {
            if (search.ByExpiry)
            {
                var (day, id) = ExpiryCursor(after);
                sql += " AND (ExpiryDate > @afterDay OR (ExpiryDate = @afterDay AND PurchaseId > @after))";
                StorageValues.Set(command, "afterDay", StorageValues.Text(day));
                StorageValues.Set(command, "after", id);
            }
            else
            {
                sql += " AND PurchaseId > @after";
                StorageValues.Set(command, "after", after);
            }
        }

        var limit = search.Limit;
        command.CommandText = sql + string.Create(
            CultureInfo.InvariantCulture, $" ORDER BY {(search.ByExpiry ? "ExpiryDate, PurchaseId" : "PurchaseId")} LIMIT {limit + 1}");
        var items = await ReadSummaries(command, today, cancellation);
        if (items.Count <= limit)
        {
            return new LicensePage(items, null);
        }

        var last = items[limit - 1];
        return new LicensePage(items[..limit], search.ByExpiry ? $"{StorageValues.Text(last.ExpiryDate)}/{last.PurchaseId}" : last.PurchaseId);
    }

    /// <summary>
    /// Counts by product, test flag and status; bodies issued per day; licenses not terminated that expire within
    /// <paramref name="days"/> days or have expired. Every statement reads an index (0006/0009), never the state rows.
    /// </summary>
    public async Task<LicenseOverview> Overview(DateOnly today, int days, int listed, CancellationToken cancellation = default)
    {
        await using var connection = StorageConnections.Create(provider, connectionString);
        await connection.OpenAsync(cancellation);
        var counts = new List<LicenseCount>();
        await using (var command = Command(connection, $"""
            SELECT ProductId, TestMode, {StatusExpression} AS Status, COUNT(*) FROM Licenses
            WHERE ServiceId = @service GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
            """, today))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellation);
            while (await reader.ReadAsync(cancellation))
            {
                counts.Add(new LicenseCount(reader.GetString(0), Flag(reader.GetValue(1)), reader.GetString(2), Convert.ToInt64(reader.GetValue(3), CultureInfo.InvariantCulture)));
            }
        }

        var issued = new List<DayCount>();
        await using (var command = Command(connection, """
            SELECT substr(IssuedAt, 1, 10), COUNT(*) FROM LicenseIssuances
            WHERE ServiceId = @service AND IssuedAt >= @since GROUP BY 1 ORDER BY 1
            """, today))
        {
            StorageValues.Set(command, "since", StorageValues.Text(today.AddDays(1 - days)));
            await using var reader = await command.ExecuteReaderAsync(cancellation);
            while (await reader.ReadAsync(cancellation))
            {
                issued.Add(new DayCount(StorageValues.Day(reader.GetString(0)), Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture)));
            }
        }

        const string Expiring = "ServiceId = @service AND TerminatedOn IS NULL AND ExpiryDate >= @today AND ExpiryDate <= @until";
        const string Overdue = "ServiceId = @service AND TerminatedOn IS NULL AND ExpiryDate < @today";
        var limit = string.Create(CultureInfo.InvariantCulture, $"LIMIT {listed}");
        return new LicenseOverview(
            today,
            days,
            counts,
            issued,
            await Count(Expiring),
            await List($"SELECT {SummaryColumns} FROM Licenses WHERE {Expiring} ORDER BY ExpiryDate, PurchaseId {limit}"),
            // Overdue is the Expired status, which the counts above already hold, test licenses included.
            counts.Where(c => c.Status == "Expired").Sum(c => c.Count),
            await List($"SELECT {SummaryColumns} FROM Licenses WHERE {Overdue} ORDER BY ExpiryDate, PurchaseId {limit}"));

        async Task<long> Count(string where)
        {
            await using var command = Command(connection, $"SELECT COUNT(*) FROM Licenses WHERE {where}", today);
            StorageValues.Set(command, "until", StorageValues.Text(today.AddDays(days)));
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellation), CultureInfo.InvariantCulture);
        }

        async Task<List<LicenseSummary>> List(string sql)
        {
            await using var command = Command(connection, sql, today);
            StorageValues.Set(command, "until", StorageValues.Text(today.AddDays(days)));
            return await ReadSummaries(command, today, cancellation);
        }
    }

    public async Task<IReadOnlyList<IssuedBody>> Bodies(string purchaseId, CancellationToken cancellation = default)
    {
        await using var connection = StorageConnections.Create(provider, connectionString);
        await connection.OpenAsync(cancellation);
        await using var command = Command(connection, "SELECT Revision, KeyId, Body FROM LicenseIssuances WHERE ServiceId = @service AND PurchaseId = @id ORDER BY Revision", null);
        StorageValues.Set(command, "id", purchaseId);
        var bodies = new List<IssuedBody>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            bodies.Add(new IssuedBody(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture), reader.GetString(1), reader.GetFieldValue<byte[]>(2)));
        }

        return bodies;
    }

    /// <summary>
    /// Every body counts until it expires, superseded or terminated ones too: a verifier offline holds it and
    /// accepts it until then, so its key must stay published that long.
    /// </summary>
    public async Task<IReadOnlyList<KeyUsage>> KeyUsage(DateTimeOffset now, CancellationToken cancellation = default)
    {
        await using var connection = StorageConnections.Create(provider, connectionString);
        await connection.OpenAsync(cancellation);
        await using var command = Command(connection, "SELECT KeyId, COUNT(*), MAX(ExpiresAt) FROM LicenseIssuances WHERE ServiceId = @service AND ExpiresAt > @now GROUP BY KeyId ORDER BY KeyId", null);
        StorageValues.Set(command, "now", StorageValues.Text(now.ToUniversalTime()));
        var keys = new List<KeyUsage>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            keys.Add(new KeyUsage(reader.GetString(0), Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture), StorageValues.Instant(reader.GetString(2))));
        }

        return keys;
    }

    /// <summary>
    /// The first string after every string that starts with <paramref name="prefix"/>, under byte order: its last
    /// character that can go up by one does, and what follows it goes; null when there is none.
    /// </summary>
    internal static string? UpperBound(string prefix)
    {
        var chars = prefix.ToCharArray();
        for (var i = chars.Length - 1; i >= 0; i--)
        {
            if (chars[i] < char.MaxValue)
            {
                chars[i]++;
                return new string(chars, 0, i + 1);
            }
        }

        return null;
    }

    private static (DateOnly Day, string PurchaseId) ExpiryCursor(string after)
    {
        var slash = after.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !DateOnly.TryParseExact(after[..slash], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            throw new ArgumentException($"'{after}' is not a cursor of a list by expiry (yyyy-MM-dd/PURCHASE_ID)", nameof(after));
        }

        return (day, after[(slash + 1)..]);
    }

    private const string SummaryColumns = "PurchaseId, ProductId, TestMode, StartDate, ExpiryDate, TerminatedOn";

    private const string StatusExpression = "CASE WHEN TerminatedOn IS NOT NULL THEN 'Terminated' WHEN ExpiryDate < @today THEN 'Expired' ELSE 'Active' END";

    private static string StatusCondition(string? status) => status switch
    {
        "Terminated" => " AND TerminatedOn IS NOT NULL",
        "Expired" => " AND TerminatedOn IS NULL AND ExpiryDate < @today",
        "Active" => " AND TerminatedOn IS NULL AND ExpiryDate >= @today",
        _ => "",
    };

    private static bool Flag(object value) => Convert.ToInt64(value, CultureInfo.InvariantCulture) != 0;

    private DbCommand Command(DbConnection connection, string sql, DateOnly? today)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        StorageValues.Set(command, "service", serviceId);
        if (today is { } day)
        {
            StorageValues.Set(command, "today", StorageValues.Text(day));
        }

        return command;
    }

    private static async Task<List<LicenseSummary>> ReadSummaries(DbCommand command, DateOnly today, CancellationToken cancellation)
    {
        var items = new List<LicenseSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            var expiry = StorageValues.Day(reader.GetString(4));
            DateOnly? terminated = reader.IsDBNull(5) ? null : StorageValues.Day(reader.GetString(5));
            items.Add(new LicenseSummary(
                reader.GetString(0),
                reader.GetString(1),
                terminated is not null ? "Terminated" : expiry < today ? "Expired" : "Active",
                Flag(reader.GetValue(2)),
                StorageValues.Day(reader.GetString(3)),
                expiry,
                terminated));
        }

        return items;
    }

    /// <summary>
    /// B.10: real licenses only; test licenses are never billed. Reads the next <paramref name="limit"/> real
    /// licenses by PURCHASE_ID after <paramref name="after"/> with their periods in range, in one statement, so each
    /// license is billed from one consistent read. A license without a period in range still takes its place in the
    /// page: the work of a call is bounded by the licenses it reads, whatever the range.
    /// </summary>
    public async Task<BillingPage> BillingPage(DateOnly firstDay, DateOnly lastDay, string? after, int limit, CancellationToken cancellation = default)
    {
        await using var connection = StorageConnections.Create(provider, connectionString);
        await connection.OpenAsync(cancellation);
        await using var command = connection.CreateCommand();
        command.CommandText = string.Create(CultureInfo.InvariantCulture, $"""
            WITH page AS (
                SELECT PurchaseId, TerminatedOn FROM Licenses
                WHERE ServiceId = @service AND TestMode = 0 AND PurchaseId > @after
                ORDER BY PurchaseId LIMIT {limit})
            SELECT page.PurchaseId, p.Revision, p.Cause, p.ProductId, p.StartDate, p.ExpiryDate, p.IssuedAt, page.TerminatedOn
            FROM page
            LEFT JOIN LicenseIssuances p
                ON p.ServiceId = @service AND p.PurchaseId = page.PurchaseId AND p.StartDate <= @last AND p.ExpiryDate >= @first
            ORDER BY page.PurchaseId, p.Revision
            """);
        StorageValues.Set(command, "service", serviceId);
        StorageValues.Set(command, "after", after ?? "");
        StorageValues.Set(command, "first", StorageValues.Text(firstDay));
        StorageValues.Set(command, "last", StorageValues.Text(lastDay));
        var lines = new List<BillingLine>();
        var considered = 0;
        var read = 0;
        var periods = new List<BilledPeriod>();
        string? current = null;
        DateOnly? terminatedOn = null;
        await using (var reader = await command.ExecuteReaderAsync(cancellation))
        {
            while (await reader.ReadAsync(cancellation))
            {
                var id = reader.GetString(0);
                if (id != current)
                {
                    Flush();
                    current = id;
                    read++;
                    terminatedOn = reader.IsDBNull(7) ? null : StorageValues.Day(reader.GetString(7));
                }

                if (reader.IsDBNull(1))
                {
                    continue;
                }

                periods.Add(new BilledPeriod(
                    Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture),
                    Enum.Parse<IssuanceCause>(reader.GetString(2)),
                    reader.GetString(3),
                    StorageValues.Day(reader.GetString(4)),
                    StorageValues.Day(reader.GetString(5)),
                    StorageValues.Instant(reader.GetString(6))));
            }
        }

        Flush();
        return new BillingPage(lines, considered, read == limit ? current : null);

        void Flush()
        {
            if (periods.Count == 0)
            {
                return;
            }

            considered++;
            lines.AddRange(BillingCalculator.Lines(current!, periods, terminatedOn, firstDay, lastDay));
            periods.Clear();
        }
    }

    /// <summary>
    /// B.13: read from the state rows' TerminatedOn and ExpiryDate columns, so the revocation document shows a
    /// TERMINATE as soon as its 200 was sent. Licenses expired before <paramref name="expiringFrom"/> are left out:
    /// no verifier accepts them any longer, and the document stays as small as the licenses still in use.
    /// </summary>
    public async Task<IReadOnlyList<TerminatedLicense>> Terminated(DateOnly expiringFrom, CancellationToken cancellation = default)
    {
        await using var connection = StorageConnections.Create(provider, connectionString);
        await connection.OpenAsync(cancellation);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT PurchaseId, TerminatedOn FROM Licenses
            WHERE ServiceId = @service AND TerminatedOn IS NOT NULL AND ExpiryDate >= @from
            ORDER BY PurchaseId
            """;
        StorageValues.Set(command, "service", serviceId);
        StorageValues.Set(command, "from", StorageValues.Text(expiringFrom));
        var terminated = new List<TerminatedLicense>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            terminated.Add(new TerminatedLicense(reader.GetString(0), StorageValues.Day(reader.GetString(1))));
        }

        return terminated;
    }
}
