using Microsoft.AspNetCore.Http.HttpResults;

namespace Orleans.Licensing.Frontend;

/// <summary>B.1: every error answer is one plain-text line, <c>Error: …</c>.</summary>
internal static class ErrorResults
{
    public const string PlainText = "text/plain; charset=utf-8";

    public static ContentHttpResult Text(int status, string message) =>
        TypedResults.Text($"Error: {OneLine(message)}", PlainText, statusCode: status);

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");
}
