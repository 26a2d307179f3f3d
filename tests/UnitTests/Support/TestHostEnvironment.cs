using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Orleans.Licensing.UnitTests;

/// <summary>A host environment with a chosen name: configuration, not a stand-in for a dependency.</summary>
internal sealed class TestHostEnvironment(string environmentName) : IHostEnvironment
{
    public string EnvironmentName { get; set; } = environmentName;

    public string ApplicationName { get; set; } = "Orleans.Licensing.UnitTests";

    public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

    public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
}
