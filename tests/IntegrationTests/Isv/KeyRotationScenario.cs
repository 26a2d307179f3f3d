using System.Buffers.Text;
using System.Text;
using IsvLicensing.Verifier;
using NSec.Cryptography;
using Orleans.Licensing.IntegrationTests.Support;

namespace Orleans.Licensing.IntegrationTests.Isv;

/// <summary>
/// A rotation as an operator carries it out. Key A signs (its kid the default thumbprint) and licenses are sold;
/// the service is stopped and restarted on the same data directory with key B signing and A retired
/// (Id + PublicKey). Beside it: an instance that lost its database (A retired, B active), and one that no
/// longer publishes A at all.
/// </summary>
public sealed class KeyRotationScenario : IAsyncLifetime
{
    public const string KeyB = "key-b";

    private readonly string _pemA = TestEnvironment.NewSigningKeyPem();
    private readonly string _pemB = TestEnvironment.NewSigningKeyPem();

    public KeyRotationScenario()
    {
        using var a = Key.Import(SignatureAlgorithm.Ed25519, Encoding.ASCII.GetBytes(_pemA), KeyBlobFormat.PkixPrivateKeyText);
        KeyA = Ed25519PublicJwk.Thumbprint(a.PublicKey);
        PublicKeyA = Base64Url.EncodeToString(a.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    /// <summary>Key A's kid: its RFC 7638 thumbprint, as the service defaults it and the JWKS shows it.</summary>
    public string KeyA { get; }

    /// <summary>Key A's raw public key, base64url: what the operator copies from the JWKS's <c>x</c> to retire it.</summary>
    public string PublicKeyA { get; }

    public string RenewedId { get; } = Ids.Next("K");

    public string LostId { get; } = Ids.Next("K");

    public string DroppedId { get; } = Ids.Next("K");

    public DateOnly Start { get; } = IssuedBodies.Today;

    public DateOnly Expiry { get; } = IssuedBodies.Today.AddDays(30);

    /// <summary>The bodies key A signed before the rotation, by PURCHASE_ID.</summary>
    public Dictionary<string, byte[]> BodiesSignedByA { get; } = [];

    /// <summary>The JWKS before the rotation: what applications that never refetch still hold.</summary>
    public string JwksBefore { get; private set; } = null!;

    internal KeyRotationFrontend Rotated { get; private set; } = null!;

    internal KeyRotationFrontend Lost { get; private set; } = null!;

    internal KeyRotationFrontend Dropped { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var directory = TestEnvironment.NewDataDirectory();
        var before = new KeyRotationFrontend(directory, [new SigningKeySetting(PrivateKeyPem: _pemA)]);
        await before.InitializeAsync();
        try
        {
            var ka = before.NewClient();
            foreach (var id in new[] { RenewedId, LostId, DroppedId })
            {
                BodiesSignedByA[id] = await IssuedBodies.Purchase(ka, Start, Expiry, purchaseId: id);
            }

            JwksBefore = await IssuedBodies.Jwks(ka);
        }
        finally
        {
            await before.DisposeAsync();
        }

        SigningKeySetting[] rotatedKeys = [new(Id: KeyA, PublicKey: PublicKeyA), new(Id: KeyB, PrivateKeyPem: _pemB)];
        Rotated = new KeyRotationFrontend(directory, rotatedKeys, KeyB);
        Lost = new KeyRotationFrontend(TestEnvironment.NewDataDirectory(), rotatedKeys, KeyB);
        Dropped = new KeyRotationFrontend(TestEnvironment.NewDataDirectory(), [new(Id: KeyB, PrivateKeyPem: _pemB)]);
        await Rotated.InitializeAsync();
        await Lost.InitializeAsync();
        await Dropped.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var frontend in new EmbeddedFrontend?[] { Rotated, Lost, Dropped })
        {
            if (frontend is not null)
            {
                await frontend.DisposeAsync();
            }
        }
    }
}
