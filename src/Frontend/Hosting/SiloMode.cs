namespace Orleans.Licensing.Frontend.Hosting;

/// <summary><c>Licensing:SiloMode</c>: where the license grains run.</summary>
internal enum SiloMode
{
    /// <summary>In this process: the one-command default.</summary>
    Embedded = 0,

    /// <summary>In separate silo processes; this frontend is an Orleans client.</summary>
    External = 1,
}
