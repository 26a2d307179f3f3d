using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Orleans.Licensing.IntegrationTests.Deploy;

/// <summary>
/// The command-line tools the deployment checks run: <c>kubectl kustomize</c> renders an overlay, and
/// <c>tools/k8s-validate</c> (node, kubernetes-models) validates what it rendered and hands it back as JSON.
/// </summary>
internal static class DeployTools
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan NpmTimeout = TimeSpan.FromMinutes(5);
    private static readonly Lazy<Task> ValidatorInstalled = new(InstallValidator);

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string K8sDirectory => Path.Combine(RepositoryRoot, "deploy", "k8s");

    public static string ValidatorDirectory => Path.Combine(RepositoryRoot, "tools", "k8s-validate");

    public static IReadOnlyList<string> Overlays { get; } = ["dev", "production"];

    /// <summary><c>kubectl kustomize deploy/k8s/overlays/{overlay}</c>: the YAML an operator would apply.</summary>
    public static async Task<string> Kustomize(string overlay)
    {
        var result = await Run("kubectl", ["kustomize", Path.Combine(K8sDirectory, "overlays", overlay)], RepositoryRoot, ToolTimeout);
        return result.ExitCode == 0
            ? result.Stdout
            : throw new InvalidOperationException($"kubectl kustomize overlays/{overlay} exited with {result.ExitCode}:\n{result.Stderr}");
    }

    /// <summary><c>node tools/k8s-validate/validate.mjs &lt;file&gt; --json</c>, after <c>npm ci</c> if needed.</summary>
    public static async Task<ToolResult> Validate(string yaml)
    {
        await ValidatorInstalled.Value;
        var file = Path.Combine(Path.GetTempPath(), $"orleans-licensing-k8s-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, yaml);
        try
        {
            return await Run("node", [Path.Combine(ValidatorDirectory, "validate.mjs"), file, "--json"], RepositoryRoot, ToolTimeout);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// <c>npm ci</c> in tools/k8s-validate when node_modules is missing or was installed from another lock file
    /// (a stamp of the lock file's hash marks the install).
    /// </summary>
    private static async Task InstallValidator()
    {
        var lockFile = Path.Combine(ValidatorDirectory, "package-lock.json");
        var stamp = Path.Combine(ValidatorDirectory, "node_modules", ".installed-from-lock");
        var hash = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(lockFile)));
        if (File.Exists(stamp) && await File.ReadAllTextAsync(stamp) == hash)
        {
            return;
        }

        var result = await Run("npm", ["ci", "--no-audit", "--no-fund", "--prefix", ValidatorDirectory], RepositoryRoot, NpmTimeout);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci --prefix tools/k8s-validate exited with {result.ExitCode}:\n{result.Stdout}\n{result.Stderr}");
        }

        await File.WriteAllTextAsync(stamp, hash);
    }

    public static async Task<ToolResult> Run(string tool, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{tool} is not on PATH ({e.Message}); the deployment checks need kubectl, node and npm", e);
        }

        using (process)
        {
            var stdout = new StringBuilder();
            var stderr = new StringBuilder();
            process.OutputDataReceived += (_, e) => Append(stdout, e.Data);
            process.ErrorDataReceived += (_, e) => Append(stderr, e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            using var cancel = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{tool} {string.Join(' ', start.ArgumentList)} took longer than {timeout}:\n{Read(stderr)}");
            }

            // The asynchronous readers may still be delivering the last lines.
            process.WaitForExit();
            return new ToolResult(process.ExitCode, Read(stdout), Read(stderr));
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Read(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Orleans.Licensing.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no Orleans.Licensing.sln above {AppContext.BaseDirectory}");
    }
}

internal sealed record ToolResult(int ExitCode, string Stdout, string Stderr);
