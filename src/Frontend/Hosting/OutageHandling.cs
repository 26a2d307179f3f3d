namespace Orleans.Licensing.Frontend.Hosting;

internal static class OutageHandling
{
    /// <summary>
    /// First in the pipeline, so every endpoint's outage answers 503 (<see cref="OutageMiddleware"/>); a branch
    /// that tells it otherwise (the console's page) adds its own <paramref name="answer"/> inside.
    /// </summary>
    public static IApplicationBuilder UseOutageAnswers(this IApplicationBuilder app, OutageAnswer? answer = null) =>
        app.UseMiddleware<OutageMiddleware>(answer ?? OutageMiddleware.OneLine);
}
