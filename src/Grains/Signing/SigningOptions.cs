namespace Orleans.Licensing.Signing;

public sealed class SigningOptions
{
    public const string Section = "Licensing:Signing";

    /// <summary>The <c>iss</c> claim of every body.</summary>
    public string Issuer { get; set; } = "orleans-licensing";

    /// <summary>Which private key signs new bodies; may be omitted when exactly one private key is configured.</summary>
    public string? ActiveKeyId { get; set; }

    public List<SigningKeyOptions> Keys { get; set; } = [];
}
