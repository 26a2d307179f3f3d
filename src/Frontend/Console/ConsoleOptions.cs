namespace Orleans.Licensing.Frontend.Console;

/// <summary><c>Licensing:Console</c>: the operator console.</summary>
internal sealed class ConsoleOptions
{
    public const string Section = "Licensing:Console";

    /// <summary>
    /// A directory every frontend shares (a ReadWriteMany volume) for the keys that protect the console's login
    /// cookie and form tokens, so a session opened on one frontend is valid on all and survives restarts. Unset,
    /// each frontend keeps its own keys (ASP.NET Core's default place): behind several frontends, the console then
    /// needs session affinity at the load balancer.
    /// </summary>
    public string? KeyDirectory { get; set; }
}
