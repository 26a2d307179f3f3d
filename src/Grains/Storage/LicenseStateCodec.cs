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

    public LicenseState Decode(byte[] payload) =>
        serializer.Deserialize<LicenseState>(payload) ?? throw new InvalidDataException("a license state row decoded to nothing");
}
