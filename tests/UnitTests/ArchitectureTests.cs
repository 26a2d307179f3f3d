using System.Reflection;
using System.Xml.Linq;

namespace Orleans.Licensing.UnitTests;

/// <summary>
/// The project graph of docs/architecture.md, held: grains, rules and state know nothing of HTTP, of a database
/// driver or of an exporter; storage knows nothing of HTTP; only the hosts and Hosting put the parts together.
/// Read from the project files, so a reference nobody uses yet fails as well as one the code leans on.
/// </summary>
public sealed class ArchitectureTests
{
    private const string Web = "Microsoft.AspNetCore.App";

    private static readonly string[] DatabaseDrivers = ["Npgsql", "Microsoft.Data.Sqlite"];

    private static readonly string[] HostingPackages = ["OpenTelemetry", "Microsoft.Orleans.Dashboard", "Microsoft.Orleans.Clustering"];

    /// <summary>Each src project: the projects of ours it may reference, and the packages (by prefix) it may not.</summary>
    private static readonly Dictionary<string, (string[] MayReference, string[] Forbidden)> Allowed = new()
    {
        ["Abstractions"] = ([], [Web, .. DatabaseDrivers, .. HostingPackages, "Microsoft.Orleans.Server", "Microsoft.Orleans.Runtime"]),
        ["Verifier"] = ([], [Web, .. DatabaseDrivers, .. HostingPackages, "Microsoft.Orleans"]),
        ["Grains"] = (["Abstractions", "Verifier"], [Web, .. DatabaseDrivers, .. HostingPackages, "Microsoft.Orleans.Server"]),
        ["Storage"] = (["Grains", "Abstractions"], [Web, .. HostingPackages, "Microsoft.Orleans.Server"]),
        ["Hosting"] = (["Grains", "Storage", "Abstractions"], []),
        ["Silo"] = (["Hosting", "Grains", "Storage", "Abstractions"], []),
        ["Frontend"] = (["Hosting", "Grains", "Storage", "Abstractions", "Verifier"], []),
    };

    public static TheoryData<string> Projects() => [.. Allowed.Keys];

    [Fact]
    public void Every_src_project_has_its_place_in_the_graph()
    {
        var projects = Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "src"), "*.csproj", SearchOption.AllDirectories)
            .Select(p => Path.GetFileName(Path.GetDirectoryName(p)!)).Order(StringComparer.Ordinal);
        Assert.Equal(Allowed.Keys.Order(StringComparer.Ordinal), projects);
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void A_project_references_only_what_its_layer_may(string name)
    {
        var (mayReference, forbidden) = Allowed[name];
        var project = XDocument.Load(ProjectFile(name));
        var references = Items(project, "ProjectReference").Select(p => Path.GetFileName(Path.GetDirectoryName(p.Replace('\\', '/'))!));
        Refuse(name, references.Except(mayReference));

        var packages = Items(project, "PackageReference").Concat(Items(project, "FrameworkReference"));
        if (project.Root?.Attribute("Sdk")?.Value == "Microsoft.NET.Sdk.Web")
        {
            packages = packages.Append(Web);
        }

        Refuse(name, packages.Where(p => forbidden.Any(f => p.StartsWith(f, StringComparison.OrdinalIgnoreCase))));
    }

    /// <summary>The compiled assemblies too: what the code actually binds to, whatever the project files say.</summary>
    [Theory]
    [InlineData("Abstractions", false)]
    [InlineData("Verifier", false)]
    [InlineData("Grains", false)]
    [InlineData("Storage", true)]
    public void An_inner_assembly_binds_to_no_web_stack_or_exporter(string name, bool mayUseDrivers)
    {
        string[] forbidden = ["Microsoft.AspNetCore", "OpenTelemetry", "Orleans.Dashboard", "Orleans.Clustering", .. mayUseDrivers ? Array.Empty<string>() : DatabaseDrivers];
        var referenced = Assembly.Load(AssemblyOf(name)).GetReferencedAssemblies().Select(a => a.Name!).ToList();
        var ours = Allowed.Keys.Select(AssemblyOf).ToHashSet(StringComparer.Ordinal);
        Refuse(name, referenced.Where(ours.Contains).Except(Allowed[name].MayReference.Select(AssemblyOf)));
        Refuse(name, referenced.Where(r => forbidden.Any(f => r.StartsWith(f, StringComparison.Ordinal))));
    }

    /// <summary>Each namespace of ours lives in one assembly, so a <c>using</c> shows where a type comes from.</summary>
    [Fact]
    public void A_namespace_belongs_to_one_assembly()
    {
        // The silo is an executable the unit tests do not reference; its one namespace is Orleans.Licensing.Silo.
        var owners = Allowed.Keys.Where(name => name != "Silo")
            .Select(name => Assembly.Load(AssemblyOf(name)))
            .SelectMany(a => a.GetTypes().Select(t => (Namespace: t.Namespace, Assembly: a.GetName().Name!)))
            .Where(t => t.Namespace?.StartsWith("Orleans.Licensing", StringComparison.Ordinal) == true
                || t.Namespace?.StartsWith("IsvLicensing", StringComparison.Ordinal) == true)
            .Distinct()
            .GroupBy(t => t.Namespace!, t => t.Assembly);
        Assert.Empty(owners.Where(o => o.Count() > 1).Select(o => $"{o.Key}: {string.Join(", ", o)}"));
    }

    /// <summary>
    /// The verifier is a package ISV applications install; a name that starts with Orleans would tell them they take
    /// on Orleans with it. Its assembly, package id and namespaces are named for what it is, and it binds to no Orleans.
    /// </summary>
    [Fact]
    public void The_verifier_is_named_for_what_it_is_and_binds_to_no_Orleans()
    {
        var assembly = Assembly.Load(AssemblyOf("Verifier"));
        var packageId = XDocument.Load(ProjectFile("Verifier")).Descendants("PackageId").Single().Value;
        var names = assembly.GetTypes().Select(t => t.Namespace).OfType<string>().Distinct()
            .Append(assembly.GetName().Name!).Append(packageId);
        var orleansNames = names.Where(n => n.StartsWith("Orleans", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(orleansNames.Count == 0, $"the verifier is named {string.Join(", ", orleansNames)}: an ISV would read an Orleans dependency into it");
        Assert.Equal(assembly.GetName().Name, packageId);
        Refuse("Verifier", assembly.GetReferencedAssemblies().Select(a => a.Name!)
            .Where(r => r.StartsWith("Orleans", StringComparison.Ordinal) || r.StartsWith("Microsoft.Orleans", StringComparison.Ordinal)));
    }

    private static void Refuse(string project, IEnumerable<string> references)
    {
        var found = references.ToList();
        if (found.Count > 0)
        {
            Assert.Fail($"{project} references {string.Join(", ", found)}, which its layer may not (docs/architecture.md)");
        }
    }

    private static IEnumerable<string> Items(XDocument project, string item) =>
        project.Descendants(item).Select(e => e.Attribute("Include")?.Value).OfType<string>();

    /// <summary>A src project's file: one per folder, named after the assembly it builds.</summary>
    private static string ProjectFile(string name) =>
        Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "src", name), "*.csproj").Single();

    private static string AssemblyOf(string name) => Path.GetFileNameWithoutExtension(ProjectFile(name));
}
