using Orleans.Licensing.IntegrationTests.Support;

namespace Orleans.Licensing.IntegrationTests.Isv;

/// <summary>A scratch directory holding the service's JWKS and the bodies a verifier is given, as an ISV's files would be.</summary>
internal sealed class VerifierWorkspace
{
    public string Directory { get; } = TestEnvironment.NewDataDirectory();

    public string Jwks => Path.Combine(Directory, "jwks.json");

    public async Task Initialize(KaClient ka) => await File.WriteAllTextAsync(Jwks, await IssuedBodies.Jwks(ka));

    public async Task<string> Save(byte[] body)
    {
        var path = Path.Combine(Directory, Guid.NewGuid().ToString("N") + ".jws");
        await File.WriteAllBytesAsync(path, body);
        return path;
    }

    public void Delete() => System.IO.Directory.Delete(Directory, recursive: true);
}
