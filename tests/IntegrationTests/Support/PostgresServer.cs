using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Orleans.Licensing.IntegrationTests.Support;

/// <summary>
/// A real PostgreSQL 15 of the test run's own: a fresh cluster in a scratch directory on a free loopback port,
/// started with pg_ctl and stopped (and deleted) on dispose. PostgreSQL refuses to run as root, so as root it
/// runs as the postgres user.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private static readonly string Bin = FindBin();
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "orleans-licensing-pg-" + Guid.NewGuid().ToString("N")[..8]);

    public int Port { get; } = TestEnvironment.FreePort();

    private string DataDirectory => Path.Combine(_directory, "data");

    public string ConnectionString(string database) =>
        string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Timeout=5;Command Timeout=10");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        if (IsRoot)
        {
            await Run("chown", ["postgres", _directory]);
        }

        await Run(Path.Combine(Bin, "initdb"), ["-D", DataDirectory, "--auth=trust", "-U", "postgres", "--no-instructions"], asPostgres: true);
        await Start();
    }

    public async Task Start()
    {
        await Run(Path.Combine(Bin, "pg_ctl"), [
            "-D", DataDirectory, "-l", Path.Combine(_directory, "server.log"), "-w", "-t", "60",
            "-o", string.Create(CultureInfo.InvariantCulture, $"-p {Port} -k {_directory} -c listen_addresses=127.0.0.1 -c max_connections=300"),
            "start",
        ], asPostgres: true);

        // This process's pooled connections died with the previous server.
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>Stops the server; <c>immediate</c> is a crash as far as clients can tell.</summary>
    public async Task Stop(string mode = "fast") =>
        await Run(Path.Combine(Bin, "pg_ctl"), ["-D", DataDirectory, "-m", mode, "-w", "stop"], asPostgres: true);

    public async Task<string> CreateDatabase()
    {
        var name = "licensing_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE {name}";
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async Task DisposeAsync()
    {
        try
        {
            await Stop("immediate");
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        Directory.Delete(_directory, recursive: true);
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static string FindBin() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(Directory.Exists).OrderDescending().FirstOrDefault()
                ?? throw new InvalidOperationException("no PostgreSQL server under /usr/lib/postgresql (apt-get install postgresql)")
            : throw new InvalidOperationException("no PostgreSQL server under /usr/lib/postgresql (apt-get install postgresql)");

    private static async Task Run(string program, IEnumerable<string> arguments, bool asPostgres = false)
    {
        var start = new ProcessStartInfo(asPostgres && IsRoot ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres && IsRoot)
        {
            foreach (var prefix in new[] { "-u", "postgres", "--", program })
            {
                start.ArgumentList.Add(prefix);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited {process.ExitCode}: {await output}{await error}");
        }
    }
}
