namespace Orleans.Licensing.IntegrationTests.Support;

/// <summary>Where the repository's built programs and files are, found from this test assembly's own bin directory.</summary>
internal static class RepositoryPaths
{
    /// <summary>The repository root: tests/IntegrationTests/bin/&lt;Configuration&gt;/&lt;tfm&gt;/ is five levels below it.</summary>
    public static string Root => TfmDirectory.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;

    /// <summary>tools/Verify's output for the same configuration and framework as the tests; built through the test project's reference.</summary>
    public static string VerifyTool => Binary("tools/Verify", "Orleans.Licensing.Verify");

    /// <summary>A project's main assembly, built for the same configuration and framework as the tests.</summary>
    public static string Binary(string projectDirectory, string assembly)
    {
        var path = Path.Combine(Root, projectDirectory, "bin", TfmDirectory.Parent!.Name, TfmDirectory.Name, assembly + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"build {projectDirectory} first", path);
    }

    public static string PhpExample
    {
        get
        {
            var path = Path.Combine(Root, "examples", "php", "verify-license.php");
            return File.Exists(path) ? path : throw new FileNotFoundException("the PHP example is missing", path);
        }
    }

    private static DirectoryInfo TfmDirectory => new(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
}
