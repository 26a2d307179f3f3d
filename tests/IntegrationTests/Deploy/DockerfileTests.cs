using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Orleans.Licensing.Frontend.Hosting;

namespace Orleans.Licensing.IntegrationTests.Deploy;

/// <summary>deploy/docker against the projects it builds and the manifests that run its images.</summary>
public sealed partial class DockerfileTests
{
    public static TheoryData<string> Images => new(["silo", "frontend"]);

    [Theory]
    [MemberData(nameof(Images))]
    public void The_entrypoint_starts_the_assembly_the_dockerfile_publishes(string image)
    {
        var dockerfile = Dockerfile.Read(image);
        var project = dockerfile.PublishedProject;
        var assemblyName = XDocument.Load(Path.Combine(DeployTools.RepositoryRoot, project)).Descendants("AssemblyName").SingleOrDefault()?.Value
            ?? Path.GetFileNameWithoutExtension(project);
        var built = image == "silo"
            ? Path.GetFileName(ConfigurationKeys.SiloAssemblyPath())
            : Path.GetFileName(typeof(FrontendApp).Assembly.Location);

        Assert.Equal(["dotnet", $"{assemblyName}.dll"], dockerfile.Entrypoint);
        Assert.Equal(built, $"{assemblyName}.dll");
        Assert.Equal($"src/{(image == "silo" ? "Silo" : "Frontend")}/{assemblyName}.csproj", project);
    }

    [Theory]
    [MemberData(nameof(Images))]
    public async Task Exposed_ports_and_user_match_the_manifests(string image)
    {
        var dockerfile = Dockerfile.Read(image);
        var rendered = await RenderedOverlay.Get("production");
        var workload = rendered.Workload(image);

        Assert.Equal(Workload.Ports(workload.MainContainer).Values.Order(), dockerfile.Exposed.Order());
        var user = long.Parse(dockerfile.User, NumberStyles.None, CultureInfo.InvariantCulture);
        Assert.NotEqual(0, user);
        // Every pod running this image (the migration Job runs the silo's) runs as the image's user.
        var imageName = workload.MainContainer["image"]!.GetValue<string>();
        Assert.All(
            rendered.Workloads.Where(w => w.MainContainer["image"]!.GetValue<string>() == imageName),
            w => Assert.Equal(user, w.PodSpec["securityContext"]!["runAsUser"]!.GetValue<long>()));
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Base_images_are_the_dotnet_sdk_and_aspnet_runtime_pinned_to_a_patch_release(string image)
    {
        var dockerfile = Dockerfile.Read(image);
        var framework = XDocument.Load(Path.Combine(DeployTools.RepositoryRoot, "Directory.Build.props")).Descendants("TargetFramework").Single().Value;
        var version = framework["net".Length..];

        Assert.Equal(2, dockerfile.BaseImages.Count);
        Assert.Matches($@"^mcr\.microsoft\.com/dotnet/sdk:{Regex.Escape(version)}\.\d+(@sha256:[0-9a-f]{{64}})?$", dockerfile.BaseImages[0]);
        Assert.Matches($@"^mcr\.microsoft\.com/dotnet/aspnet:{Regex.Escape(version)}\.\d+(@sha256:[0-9a-f]{{64}})?$", dockerfile.BaseImages[1]);
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void The_build_copies_only_what_exists_and_publishes_a_release_build(string image)
    {
        var dockerfile = Dockerfile.Read(image);

        Assert.All(dockerfile.CopiedSources, source => Assert.True(
            File.Exists(Path.Combine(DeployTools.RepositoryRoot, source)) || Directory.Exists(Path.Combine(DeployTools.RepositoryRoot, source)),
            $"Dockerfile.{image} copies {source}, which is not in the repository"));
        Assert.Contains("-c Release", dockerfile.PublishCommand, StringComparison.Ordinal);
        Assert.Contains("-o /app", dockerfile.PublishCommand, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(DeployTools.RepositoryRoot, "deploy", "docker", $"Dockerfile.{image}.dockerignore")), "no Dockerfile-specific .dockerignore");
    }

    /// <summary>The instructions of deploy/docker/Dockerfile.{image} these checks read.</summary>
    private sealed partial record Dockerfile(
        IReadOnlyList<string> BaseImages,
        IReadOnlyList<string> Entrypoint,
        IReadOnlyList<int> Exposed,
        string User,
        string PublishCommand,
        string PublishedProject,
        IReadOnlyList<string> CopiedSources)
    {
        public static Dockerfile Read(string image)
        {
            var text = File.ReadAllText(Path.Combine(DeployTools.RepositoryRoot, "deploy", "docker", $"Dockerfile.{image}"));
            // Join continued lines, drop comments and blank lines.
            var instructions = text.Replace("\\\n", " ", StringComparison.Ordinal).Split('\n')
                .Select(l => l.Trim())
                .Where(l => l.Length > 0 && !l.StartsWith('#'))
                .Select(l => (Keyword: l.Split(' ', 2)[0].ToUpperInvariant(), Arguments: l.Split(' ', 2).ElementAtOrDefault(1)?.Trim() ?? ""))
                .ToList();

            var arguments = instructions.Where(i => i.Keyword == "ARG" && i.Arguments.Contains('=', StringComparison.Ordinal))
                .Select(i => i.Arguments.Split('=', 2))
                .ToDictionary(a => a[0], a => a[1], StringComparer.Ordinal);
            var baseImages = instructions.Where(i => i.Keyword == "FROM")
                .Select(i => i.Arguments.Split(' ')[0])
                .Select(i => Argument().Replace(i, m => arguments[m.Groups[1].Value]))
                .ToList();
            var entrypoint = JsonSerializer.Deserialize<string[]>(instructions.Last(i => i.Keyword == "ENTRYPOINT").Arguments)!;
            var exposed = instructions.Where(i => i.Keyword == "EXPOSE")
                .SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Select(p => int.Parse(p.Split('/')[0], CultureInfo.InvariantCulture))
                .ToList();
            var user = instructions.Last(i => i.Keyword == "USER").Arguments;
            var publish = instructions.Single(i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet publish", StringComparison.Ordinal)).Arguments;
            var project = Project().Match(publish).Value;
            var copied = instructions.Where(i => i.Keyword == "COPY" && !i.Arguments.StartsWith("--from", StringComparison.Ordinal))
                .SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipLast(1))
                .ToList();
            return new Dockerfile(baseImages, entrypoint, exposed, user, publish, project, copied);
        }

        [GeneratedRegex(@"\$\{(\w+)\}")]
        private static partial Regex Argument();

        [GeneratedRegex(@"src/\S+\.csproj")]
        private static partial Regex Project();
    }
}
