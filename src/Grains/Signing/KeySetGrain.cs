using Orleans.Concurrency;

namespace Orleans.Licensing.Signing;

[StatelessWorker]
internal sealed class KeySetGrain(SigningKeyRing keys) : Grain, IKeySetGrain
{
    public Task<string> GetJwks() => Task.FromResult(keys.Published.ToJwks());

    public Task<string> GetSigningKeyId() => Task.FromResult(keys.ActiveKeyId);
}
