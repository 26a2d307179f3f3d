using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Licensing.Licenses;
using Orleans.Serialization;
using Orleans.Storage;

namespace Orleans.Licensing.IntegrationTests.Cluster;

/// <summary>Reads license states straight from PostgreSQL, decoded with the serializer the silos store them with.</summary>
internal static class StoredLicenses
{
    public static async Task<Dictionary<string, LicenseState>> Read(string connectionString, string serviceId)
    {
        await using var services = new ServiceCollection()
            .AddSerializer(serializer => serializer.AddAssembly(typeof(LicenseState).Assembly))
            .BuildServiceProvider();
        var serializer = new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>());
        var states = new Dictionary<string, LicenseState>(StringComparer.Ordinal);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT grainidextensionstring, payloadbinary FROM orleansstorage WHERE serviceid = @service AND payloadbinary IS NOT NULL";
        command.Parameters.AddWithValue("service", serviceId);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var key = reader.GetString(0);
            if (key.StartsWith(LicenseGrainKey.Prefix, StringComparison.Ordinal))
            {
                states[key[LicenseGrainKey.Prefix.Length..]] = serializer.Deserialize<LicenseState>(BinaryData.FromBytes((byte[])reader.GetValue(1)))!;
            }
        }

        return states;
    }
}
