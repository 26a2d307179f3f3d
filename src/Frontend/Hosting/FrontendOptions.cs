namespace Orleans.Licensing.Frontend.Hosting;

/// <summary>Settings directly under <c>Licensing</c> that only the frontend reads.</summary>
internal sealed class FrontendOptions
{
    public const string Section = "Licensing";

    /// <summary>Read before the host is built: it decides between an embedded silo and an Orleans client.</summary>
    public SiloMode SiloMode { get; set; } = SiloMode.Embedded;
}
