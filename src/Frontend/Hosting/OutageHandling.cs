namespace Orleans.Licensing.Frontend.Hosting;

internal static class OutageHandling
{
    /// <summary>First in the pipeline, so every endpoint's outage answers 503 (<see cref="OutageMiddleware"/>).</summary>
    public static IApplicationBuilder UseOutageAnswers(this IApplicationBuilder app) => app.UseMiddleware<OutageMiddleware>();
}
