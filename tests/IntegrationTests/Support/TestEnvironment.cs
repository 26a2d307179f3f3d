using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Configuration;
using NSec.Cryptography;

namespace Orleans.Licensing.IntegrationTests.Support;

/// <summary>Scratch directories, free loopback ports and the settings every test host shares.</summary>
internal static class TestEnvironment
{
    public static string NewDataDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "orleans-licensing-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    // Below Linux's ephemeral range (32768+), so outgoing connections never take a port handed out here
    // between the check and the child process binding it; each port is handed out once per test run.
    private static int _nextPort = 15000 + Random.Shared.Next(0, 4000);

    public static int FreePort()
    {
        while (true)
        {
            var port = Interlocked.Increment(ref _nextPort);
            if (port > 30000)
            {
                throw new InvalidOperationException("no free loopback port left below 30000");
            }

            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // In use: try the next one.
            }
        }
    }

    /// <summary>The Development catalog exactly as shipped, flattened to configuration keys.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> DevelopmentCatalog() =>
        new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "catalog.Development.json"))
            .Build()
            .AsEnumerable()
            .Where(pair => pair.Value is not null);

    public static string NewSigningKeyPem()
    {
        using var key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        return Encoding.ASCII.GetString(key.Export(KeyBlobFormat.PkixPrivateKeyText));
    }
}
