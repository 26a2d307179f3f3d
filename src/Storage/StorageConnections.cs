using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Orleans.Licensing.Storage;

internal static class StorageConnections
{
    public static DbConnection Create(StorageProvider provider, string connectionString) =>
        provider == StorageProvider.Sqlite ? new SqliteConnection(connectionString) : new NpgsqlConnection(connectionString);
}
