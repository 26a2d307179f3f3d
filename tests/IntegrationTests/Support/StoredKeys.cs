using System.Data.Common;

namespace Orleans.Licensing.IntegrationTests.Support;

internal static class StoredKeys
{
    /// <summary>The grain keys of the storage rows holding these licenses, straight from the database.</summary>
    public static async Task<List<string>> Of(DbConnection connection, params string[] purchaseIds)
    {
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT GrainIdExtensionString FROM OrleansStorage WHERE GrainIdExtensionString IN ("
            + string.Join(", ", purchaseIds.Select(id => $"'{LicenseGrainKey.For(id)}'")) + ") ORDER BY 1";
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }
}
