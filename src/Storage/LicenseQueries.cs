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
    public async Task<LicensePage> List(string? productId, string? status, string? after, int limit, DateOnly today, CancellationToken cancellation = default)
    {
        await using var connection = StorageConnections.Create(provider, connectionString);
        await connection.OpenAsync(cancellation);
        await using var command = connection.CreateCommand();
        var sql = "SELECT PurchaseId, ProductId, TestMode, StartDate, ExpiryDate, TerminatedOn FROM Licenses WHERE ServiceId = @service AND PurchaseId > @after";
        StorageValues.Set(command, "service", serviceId);
        StorageValues.Set(command, "after", after ?? "");
        if (productId is not null)
        {
            sql += " AND ProductId = @product";
            StorageValues.Set(command, "product", productId);
        }

        sql += status switch
        {
            "Terminated" => " AND TerminatedOn IS NOT NULL",
            "Expired" => " AND TerminatedOn IS NULL AND ExpiryDate < @today",
            "Active" => " AND TerminatedOn IS NULL AND ExpiryDate >= @today",
            _ => "",
        };
        StorageValues.Set(command, "today", StorageValues.Text(today));
        command.CommandText = sql + string.Create(CultureInfo.InvariantCulture, $" ORDER BY PurchaseId LIMIT {limit + 1}");
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
                Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture) != 0,
                StorageValues.Day(reader.GetString(3)),
                expiry,
                terminated));
        }

        return items.Count > limit ? new LicensePage(items[..limit], items[limit - 1].PurchaseId) : new LicensePage(items, null);
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
