namespace Orleans.Licensing.IntegrationTests.Support;

/// <summary>A frontend configured as an operator would mid-rotation: two KA credentials valid at once.</summary>
public sealed class RotatedCredentialsFrontend() : EmbeddedFrontend(new Dictionary<string, string?>
{
    ["Licensing:Ka:Credentials:0:UserName"] = "ka",
    ["Licensing:Ka:Credentials:0:Password"] = "old-secret",
    ["Licensing:Ka:Credentials:1:UserName"] = "ka",
    ["Licensing:Ka:Credentials:1:Password"] = "new-secret",
    ["Licensing:Operator:Credentials:0:UserName"] = "isv",
    ["Licensing:Operator:Credentials:0:Password"] = "operator-secret",
});
