using System.Buffers.Text;
using System.Text;
using Microsoft.Extensions.Hosting;
using NSec.Cryptography;
using IsvLicensing.Verifier;

namespace Orleans.Licensing.Signing;

/// <summary>The active signing key and every published public key.</summary>
public sealed class SigningKeyRing : IDisposable
{
    internal const string DevelopmentKeyFile = "signing-key.development.pem";

    private readonly Key _active;

    private SigningKeyRing(Key active, string activeKeyId, string issuer, LicenseKeySet published)
    {
        _active = active;
        ActiveKeyId = activeKeyId;
        Issuer = issuer;
        Published = published;
    }

    public string ActiveKeyId { get; }

    public string Issuer { get; }

    public LicenseKeySet Published { get; }

    /// <summary>Signs a payload as a JWS compact token: <c>header.payload.signature</c>, all base64url.</summary>
    public byte[] Sign(byte[] payload)
    {
        var header = LicenseTokenVerifier.EncodeHeader(ActiveKeyId);
        var signingInput = new byte[header.Length + 1 + Base64Url.GetEncodedLength(payload.Length)];
        header.CopyTo(signingInput, 0);
        signingInput[header.Length] = (byte)'.';
        Base64Url.EncodeToUtf8(payload, signingInput.AsSpan(header.Length + 1));
        var signature = SignatureAlgorithm.Ed25519.Sign(_active, signingInput);
        return [.. signingInput, (byte)'.', .. Encoding.ASCII.GetBytes(Base64Url.EncodeToString(signature))];
    }

    public VerificationResult Verify(ReadOnlySpan<byte> body) => LicenseTokenVerifier.Verify(body, Published);

    public void Dispose() => _active.Dispose();

    /// <summary>
    /// Builds the ring from options that <see cref="SigningOptionsValidator"/> has accepted (in the host, reading
    /// <c>IOptions&lt;SigningOptions&gt;</c> runs it, and ValidateOnStart runs it before anything serves).
    /// </summary>
    public static SigningKeyRing Load(SigningOptions options, IHostEnvironment environment, LicensingOptions licensing)
    {
        var errors = new List<string>();
        return TryLoad(options, environment, licensing, errors)
            ?? throw new InvalidOperationException($"{SigningOptions.Section} was not validated: {string.Join(" ", errors)}");
    }

    /// <summary>The ring, or null with everything that is wrong with the configuration added to <paramref name="errors"/>.</summary>
    internal static SigningKeyRing? TryLoad(SigningOptions options, IHostEnvironment environment, LicensingOptions licensing, List<string> errors)
    {
        var privateKeys = new List<(string Id, Key Key)>();
        var published = new List<Ed25519PublicJwk>();
        var configured = options.Keys;
        if (configured.Count == 0 && environment.IsDevelopment())
        {
            configured = [new SigningKeyOptions { PrivateKeyPem = DevelopmentKey(licensing.ResolveDataDirectory()) }];
        }

        for (var i = 0; i < configured.Count; i++)
        {
            var where = $"{SigningOptions.Section}:Keys:{i}";
            var entry = configured[i];
            try
            {
                var pem = entry.PrivateKeyPem ?? (entry.PrivateKeyFile is { } file ? File.ReadAllText(file) : null);
                if (pem is not null)
                {
                    var key = Key.Import(SignatureAlgorithm.Ed25519, Encoding.ASCII.GetBytes(pem), KeyBlobFormat.PkixPrivateKeyText);
                    var id = entry.Id ?? Ed25519PublicJwk.Thumbprint(key.PublicKey);
                    privateKeys.Add((id, key));
                    published.Add(Ed25519PublicJwk.FromKey(id, key.PublicKey));
                }
                else if (entry.PublicKey is { } x && entry.Id is { } retiredId)
                {
                    published.Add(Ed25519PublicJwk.FromRaw(retiredId, Base64Url.DecodeFromChars(x)));
                }
                else
                {
                    errors.Add($"{where}: give PrivateKeyPem, PrivateKeyFile, or Id with PublicKey.");
                    continue;
                }

                // Anyone can sign with a key whose private half is in the repository: fine for a laptop, never for a service.
                if (!environment.IsDevelopment() && CommittedSigningKeys.Find(published[^1].Key) is { } committed)
                {
                    errors.Add($"{where} (kid '{published[^1].KeyId}') is the key committed as {committed}, whose private key anyone can read; "
                        + $"outside Development (here {environment.EnvironmentName}) configure a key of your own.");
                }
            }
            catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException or ArgumentException)
            {
                errors.Add($"{where}: the key cannot be read ({e.GetType().Name}: {e.Message}).");
            }
        }

        if (published.Select(k => k.KeyId).Distinct(StringComparer.Ordinal).Count() != published.Count)
        {
            errors.Add($"{SigningOptions.Section}:Keys: two keys have the same Id.");
        }

        var active = options.ActiveKeyId is { } activeId
            ? privateKeys.FirstOrDefault(k => k.Id == activeId)
            : privateKeys.Count == 1 ? privateKeys[0] : default;
        if (privateKeys.Count == 0)
        {
            errors.Add($"{SigningOptions.Section}:Keys has no private key: outside Development the service needs a configured Ed25519 signing key.");
        }
        else if (active.Key is null)
        {
            errors.Add(options.ActiveKeyId is null
                ? $"{SigningOptions.Section}:ActiveKeyId is required when several private keys are configured."
                : $"{SigningOptions.Section}:ActiveKeyId '{options.ActiveKeyId}' names no configured private key.");
        }

        if (errors.Count > 0)
        {
            foreach (var (_, key) in privateKeys)
            {
                key.Dispose();
            }

            return null;
        }

        foreach (var (_, key) in privateKeys.Where(k => !ReferenceEquals(k.Key, active.Key)))
        {
            key.Dispose();
        }

        return new SigningKeyRing(active.Key!, active.Id, options.Issuer, new LicenseKeySet(published));
    }

    /// <summary>A Development run keeps one generated key in its data directory so bodies stay verifiable across restarts.</summary>
    private static string DevelopmentKey(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, DevelopmentKeyFile);
        if (File.Exists(path))
        {
            return File.ReadAllText(path);
        }

        Directory.CreateDirectory(dataDirectory);
        using var key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        var pem = Encoding.ASCII.GetString(key.Export(KeyBlobFormat.PkixPrivateKeyText));
        try
        {
            var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var stream = new FileStream(path, fileOptions);
            using var writer = new StreamWriter(stream);
            writer.Write(pem);
            writer.Flush();
            stream.Flush(flushToDisk: true);
            return pem;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process of this Development run created it first: use theirs.
            return File.ReadAllText(path);
        }
    }
}
