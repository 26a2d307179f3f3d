namespace Orleans.Licensing.Frontend.Ka;

/// <summary>Either a valid request or the one-line reason it is not.</summary>
internal sealed record KaParseResult(KaRequest? Request, string? Error)
{
    public static KaParseResult Fail(string error) => new(null, error);
}
