namespace Orleans.Licensing.Frontend.Jwks;

/// <summary><c>Licensing:Jwks</c>: how long the frontend and its clients keep the published keys.</summary>
internal sealed class JwksOptions
{
    public const string Section = "Licensing:Jwks";

    /// <summary>
    /// How long the frontend answers from its copy before it asks the silos again, and the <c>max-age</c> it
    /// gives clients: a key added on the silos shows within this time (twice it, for a client that cached it).
    /// </summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(5);
}
