using Npgsql;

namespace Orleans.Licensing.Storage;

/// <summary>
/// Refuses to start a silo whose PostgreSQL sessions would commit without waiting for durability: with
/// <c>synchronous_commit=off</c> a crash loses writes that were already answered 200 (B.11). Our connection strings
/// ask for <c>on</c> (<see cref="PostgresConnectionDefaults"/>); this catches an operator's connection string that
/// turns it off.
/// </summary>
internal sealed class SynchronousCommitCheck(string connectionString) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe<SynchronousCommitCheck>(ServiceLifecycleStage.RuntimeInitialize, Run);

    private async Task Run(CancellationToken cancellation)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellation);
        await using var command = new NpgsqlCommand("SHOW synchronous_commit", connection);
        var setting = (string?)await command.ExecuteScalarAsync(cancellation);
        if (string.Equals(setting, "off", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                "PostgreSQL sessions run with synchronous_commit=off, so a crash could lose writes already answered 200: remove it from the connection string's Options (the service sets synchronous_commit=on itself)");
        }
    }
}
