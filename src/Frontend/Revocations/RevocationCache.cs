using Orleans.Licensing.Frontend.Publishing;

namespace Orleans.Licensing.Frontend.Revocations;

/// <summary>
/// The frontend's copy of the revocation document, kept until the next update the document itself announces; how a
/// copy is kept, shared and served through an outage is <see cref="LastGoodCopy{T}"/>. A copy served after its next
/// update still tells verifiers its age (its <c>iat</c>).
/// </summary>
internal sealed class RevocationCache(Func<Task<RevocationDocument>> fetch, TimeProvider time, ILogger<RevocationCache> logger)
{
    public static TimeSpan RetryDelay => LastGoodCopy<RevocationCopy>.RetryDelay;

    private readonly LastGoodCopy<RevocationCopy> _copy = new(
        async () => RevocationCopy.Create(await fetch()),
        (copy, now) => now < copy.Document.NextUpdate,
        "The revocation document",
        time,
        logger);

    public Task<RevocationCopy> Get() => _copy.Get();
}
