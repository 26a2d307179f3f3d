using System.Globalization;
using Orleans.Licensing.IntegrationTests.Support;

namespace Orleans.Licensing.IntegrationTests.Isv;

/// <summary>
/// An embedded frontend on a data directory of our choosing, with the signing keys an operator configured:
/// stopping one and starting another on the same directory is a restart with new configuration. The settings
/// override the base class's own scratch directory, so its <see cref="EmbeddedFrontend.DataDirectory"/> is unused.
/// </summary>
internal sealed class KeyRotationFrontend : EmbeddedFrontend
{
    internal KeyRotationFrontend(string storageDirectory, IReadOnlyList<SigningKeySetting> keys, string? activeKeyId = null)
        : base(Settings(storageDirectory, keys, activeKeyId))
    {
    }

    private static Dictionary<string, string?> Settings(string directory, IReadOnlyList<SigningKeySetting> keys, string? activeKeyId)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Licensing:DataDirectory"] = directory,
            ["Licensing:Storage:ConnectionString"] = $"Data Source={Path.Combine(directory, "licensing.db")};Default Timeout=2",
            ["Licensing:Signing:ActiveKeyId"] = activeKeyId,
        };
        for (var i = 0; i < keys.Count; i++)
        {
            var prefix = string.Create(CultureInfo.InvariantCulture, $"Licensing:Signing:Keys:{i}:");
            settings[prefix + "Id"] = keys[i].Id;
            settings[prefix + "PrivateKeyPem"] = keys[i].PrivateKeyPem;
            settings[prefix + "PublicKey"] = keys[i].PublicKey;
        }

        // Only what the operator wrote: an absent setting, not an empty one.
        return settings.Where(s => s.Value is not null).ToDictionary();
    }
}
