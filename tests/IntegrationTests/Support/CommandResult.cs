namespace Orleans.Licensing.IntegrationTests.Support;

/// <summary>How a command-line program ended and what it printed.</summary>
internal sealed record CommandResult(int ExitCode, string Output, string Error)
{
    /// <summary>The last line of standard output: the verdict of both verifiers.</summary>
    public string LastLine => Output.TrimEnd().Split('\n')[^1].TrimEnd('\r');

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}--- stderr\n{Error}";
}
