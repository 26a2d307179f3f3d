using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Orleans.Licensing.Hosting;

namespace Orleans.Licensing.UnitTests;

/// <summary>
/// Every setting is a property of an options class, bound through its section constant, so a key has one
/// representation, one default and one place to document it (docs/decisions.md, "Options everywhere").
/// </summary>
public sealed partial class OptionsBindingTests
{
    [Fact]
    public void No_source_file_reads_a_Licensing_key_by_its_name()
    {
        var src = Path.Combine(RepositoryRoot.Path, "src");
        var reads = Directory.GetFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(src, f), Line: i + 1, Text: line)))
            .Where(l => AdHocRead().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.True(reads.Count == 0, "read by name instead of through an options class:\n" + string.Join('\n', reads));
    }

    [Fact]
    public void The_hosting_keys_keep_their_defaults_when_unset()
    {
        var empty = new ConfigurationBuilder().Build();

        var hosting = empty.Read<HostingOptions>(HostingOptions.Section);

        Assert.Equal(TimeSpan.FromSeconds(30), hosting.ShutdownTimeout);
        Assert.Equal(TimeSpan.Zero, hosting.ShutdownDrainDelay);
        Assert.Null(hosting.CatalogFile);
        Assert.True(empty.Read<OperatorDashboardOptions>(OperatorDashboardOptions.Section).Enabled);
    }

    [Fact]
    public void The_hosting_keys_bind_by_their_operator_facing_names()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Licensing:ShutdownTimeout"] = "00:00:20",
            ["Licensing:ShutdownDrainDelay"] = "00:00:04",
            ["Licensing:CatalogFile"] = "/etc/licensing/catalog.json",
            ["Licensing:Dashboard:Enabled"] = "false",
        }).Build();

        var hosting = configuration.Read<HostingOptions>(HostingOptions.Section);

        Assert.Equal(TimeSpan.FromSeconds(20), hosting.ShutdownTimeout);
        Assert.Equal(TimeSpan.FromSeconds(4), hosting.ShutdownDrainDelay);
        Assert.Equal("/etc/licensing/catalog.json", hosting.CatalogFile);
        Assert.False(configuration.Read<OperatorDashboardOptions>(OperatorDashboardOptions.Section).Enabled);
    }

    // GetValue("Licensing:…"), GetValue<T>("Licensing:…") and configuration["Licensing:…"].
    [GeneratedRegex("""(GetValue(<[^>]*>)?\(|\[)\s*"Licensing:""")]
    private static partial Regex AdHocRead();
}
