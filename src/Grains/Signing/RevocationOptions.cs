namespace Orleans.Licensing.Signing;

/// <summary><c>Licensing:Revocations</c>: how often the revocation document (B.13) is renewed, and what it lists.</summary>
public sealed class RevocationOptions
{
    public const string Section = "Licensing:Revocations";

    /// <summary>
    /// The document's lifetime: its <c>next_update</c> is this long after its issue time, and the frontend renews
    /// its copy then. A TERMINATE answered 200 is listed in every document fetched more than this long afterwards.
    /// </summary>
    public TimeSpan UpdateInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long after its expiry a terminated license stays listed: longer than any grace period verifiers allow,
    /// since a license in its grace period is still accepted unless the document names it.
    /// </summary>
    public TimeSpan ListedAfterExpiry { get; set; } = TimeSpan.FromDays(90);
}
