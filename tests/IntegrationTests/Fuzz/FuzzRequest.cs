namespace Orleans.Licensing.IntegrationTests.Fuzz;

/// <summary>
/// One generated request. <see cref="Raw"/> requests go over a bare socket as written (truncated bodies, broken
/// request lines); the others through HttpClient with <see cref="Headers"/> (Authorization, Content-Type, …).
/// </summary>
internal sealed record FuzzRequest(string Surface, string Method, string Path, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[]? Body, byte[]? Raw = null)
{
    public override string ToString()
    {
        var body = Raw ?? Body ?? [];
        var text = System.Text.Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 300));
        return $"[{Surface}] {Method} {Path} {string.Join("; ", Headers.Select(h => $"{h.Key}: {h.Value}"))} body({body.Length}): {text}";
    }
}
