namespace Orleans.Licensing.Verify;

/// <summary>What scripts can tell apart: a license to refuse is not the same as a verification that never happened.</summary>
internal static class ExitCode
{
    public const int Valid = 0;
    public const int Invalid = 1;
    public const int UsageOrIo = 2;
}
