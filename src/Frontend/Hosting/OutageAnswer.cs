namespace Orleans.Licensing.Frontend.Hosting;

/// <summary>
/// How an outage is told where <see cref="OutageMiddleware"/> sits: one line for KA and the API, a page for the
/// console. The status (503) and <c>Retry-After</c> are the middleware's; <paramref name="what"/> says what failed.
/// </summary>
internal delegate Task OutageAnswer(HttpContext context, string what);
