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

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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
