using System.Data.Common;

namespace Orleans.Licensing.IntegrationTests.Support;

internal static class StoredKeys
{
    /// <summary>The PURCHASE_IDs of the license rows holding these licenses, straight from the database.</summary>
    public static async Task<List<string>> Of(DbConnection connection, params string[] purchaseIds)
    {
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT PurchaseId FROM Licenses WHERE PurchaseId IN ("
            + string.Join(", ", purchaseIds.Select(id => $"'{id}'")) + ") ORDER BY 1";
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }
}
