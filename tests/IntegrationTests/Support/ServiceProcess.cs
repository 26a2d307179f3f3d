using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Orleans.Licensing.IntegrationTests.Support;

/// <summary>A host of this service started as its own OS process, the way an operator starts it.</summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServiceProcess(string project, IReadOnlyDictionary<string, string> environment, string hostEnvironment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(Binary(project));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("--environment");
        start.ArgumentList.Add(hostEnvironment);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static ServiceProcess Frontend(IReadOnlyDictionary<string, string> environment, string hostEnvironment = "Development") =>
        new("Frontend", environment, hostEnvironment);

    public static ServiceProcess Silo(IReadOnlyDictionary<string, string> environment, string hostEnvironment = "Development") =>
        new("Silo", environment, hostEnvironment);

    /// <summary><c>Orleans.Licensing.Silo migrate</c>, as the migration Job runs it.</summary>
    public static ServiceProcess Migrate(IReadOnlyDictionary<string, string> environment) =>
        new("Silo", environment, "Production", "migrate");

    /// <summary>The usual settings of an embedded frontend on loopback ports of its own.</summary>
    public static Dictionary<string, string> EmbeddedSettings(string dataDirectory, int httpPort) => new()
    {
        ["Licensing__DataDirectory"] = dataDirectory,
        ["Urls"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{httpPort}"),
        ["Licensing__Cluster__SiloPort"] = TestEnvironment.FreePort().ToString(CultureInfo.InvariantCulture),
        ["Licensing__Cluster__GatewayPort"] = TestEnvironment.FreePort().ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Waits until the service answers HTTP; fails with its output if it exits first.</summary>
    public async Task WaitUntilServing(Uri baseAddress, TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the service exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/.well-known/jwks.json", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"the service did not serve within {timeout}:\n{Output}");
    }

    /// <summary>Waits until the process has printed <paramref name="text"/>; fails with its output if it exits first.</summary>
    public async Task WaitForOutput(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the process exited with {_process.ExitCode} before printing '{text}':\n{Output}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the process did not print '{text}' within {timeout}:\n{Output}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>kill -9: no shutdown code runs.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>SIGTERM, as Kubernetes and systemd stop a service; waits for a clean exit.</summary>
    public async Task<int> Terminate(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var cancellation = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancellation.Token);
        return _process.ExitCode;
    }

    public async Task<int> WaitForExit(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancellation.Token);
        return _process.ExitCode;
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private static string Binary(string project) => RepositoryPaths.Binary($"src/{project}", $"Orleans.Licensing.{project}");

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
