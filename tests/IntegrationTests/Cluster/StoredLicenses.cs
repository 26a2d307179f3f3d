using System.Globalization;
using Npgsql;

namespace Orleans.Licensing.IntegrationTests.Cluster;

/// <summary>Reads what the license store holds straight from PostgreSQL: every issuance of every license, and its termination.</summary>
internal static class StoredLicenses
{
    public static async Task<Dictionary<string, StoredLicenseHistory>> Read(string connectionString, string serviceId)
    {
        var licenses = new Dictionary<string, StoredLicenseHistory>(StringComparer.Ordinal);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT PurchaseId, TerminatedOn IS NOT NULL FROM Licenses WHERE ServiceId = @service";
            command.Parameters.AddWithValue("service", serviceId);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                licenses[reader.GetString(0)] = new StoredLicenseHistory([], reader.GetBoolean(1));
            }
        }

        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT PurchaseId, Cause, ProductId, StartDate, ExpiryDate, ExpiresAt, Body FROM LicenseIssuances
                WHERE ServiceId = @service ORDER BY PurchaseId, Revision
                """;
            command.Parameters.AddWithValue("service", serviceId);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                licenses[reader.GetString(0)].Issuances.Add(new StoredIssuance(
                    reader.GetString(1),
                    reader.GetString(2),
                    reader.GetString(3),
                    reader.GetString(4),
                    DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture),
                    (byte[])reader.GetValue(6)));
            }
        }

        return licenses;
    }
}
