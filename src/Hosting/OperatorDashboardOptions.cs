namespace Orleans.Licensing.Hosting;

/// <summary><c>Licensing:Dashboard</c>: the Orleans dashboard the operator sees under <see cref="OperationsPaths.Dashboard"/>.</summary>
public sealed class OperatorDashboardOptions
{
    public const string Section = "Licensing:Dashboard";

    /// <summary>
    /// Off, neither silo nor client collects the dashboard's statistics and the frontend does not map it. Read
    /// before the host is built, since it decides what the silo and client builders add.
    /// </summary>
    public bool Enabled { get; set; } = true;
}
