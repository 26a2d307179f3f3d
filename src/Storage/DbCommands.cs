using System.Data.Common;

namespace Orleans.Licensing.Storage;

/// <summary>Commands of the schema steps (migrator, grants, legacy import), each inside the step's transaction.</summary>
internal static class DbCommands
{
    public static DbCommand Create(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    public static async Task Execute(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellation)
    {
        await using var command = Create(connection, transaction, sql);
        await command.ExecuteNonQueryAsync(cancellation);
    }
}
