using System.Globalization;

// Bare on purpose: no auth, no logging, no telemetry, no Orleans. Whatever our service is slower by is what
// those cost plus the grain call; this is the most Kestrel on this machine can do for the same bytes.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();

// The size of a license body our service answers (a JWS token of ~612 bytes).
var size = app.Configuration.GetValue("Ceiling:BodyBytes", 612);
var body = new byte[size];
Array.Fill(body, (byte)'A');
var expiration = new DateTimeOffset(2016, 5, 22, 10, 0, 0, TimeSpan.Zero).ToString("R", CultureInfo.InvariantCulture);

app.MapPost("/ka", async (HttpContext context) =>
{
    var form = await context.Request.ReadFormAsync(context.RequestAborted);
    // Touch the fields the real endpoint reads first, so reading the form is not optimised away.
    _ = form["APS_ACTION"];
    _ = form["PURCHASE_ID"];
    context.Response.Headers["X-APS-Expiration-Date"] = expiration;
    return Results.Bytes(body, "application/octet-stream");
});
app.MapGet("/.well-known/jwks.json", () => Results.Text("""{"keys":[]}""", "application/json"));

await app.RunAsync();
