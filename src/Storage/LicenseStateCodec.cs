using Orleans.Licensing.Licenses;
using Orleans.Serialization;

namespace Orleans.Licensing.Storage;

/// <summary>
/// A license's state row in Orleans' version-tolerant binary format: the state types carry [Alias] and [Id], so
/// renaming a class or adding a field never orphans stored licenses.
/// </summary>
public sealed class LicenseStateCodec(Serializer serializer)
{
    public byte[] Encode(LicenseState state) => serializer.SerializeToArray(state);

    /// <summary>The state a row holds; product and key ids, of which there are few, shared with every other license in memory.</summary>
    public LicenseState Decode(byte[] payload)
    {
        var state = serializer.Deserialize<LicenseState>(payload) ?? throw new InvalidDataException("a license state row decoded to nothing");
        return state.Issuances.IsDefaultOrEmpty ? state : state with { Issuances = [.. state.Issuances.Select(i => i with { ProductId = string.Intern(i.ProductId), KeyId = string.Intern(i.KeyId) })] };
    }
}
