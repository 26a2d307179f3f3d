using Microsoft.Extensions.Configuration;
using Orleans.Licensing.Hosting;

namespace Orleans.Licensing.UnitTests;

/// <summary>
/// <c>Licensing:CatalogFile</c> is a ConfigMap that product people edit: it may carry the catalog and nothing
/// else, so editing it cannot swap the signing key, a credential or the database.
/// </summary>
public sealed class CatalogFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("catalog-file-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_catalog_from_the_file_is_used()
    {
        var configuration = WithCatalogFile("""
            {"Licensing":{"Catalog":{"Products":{"fromfile":{"Edition":"File","Upgrades":[]}}}}}
            """);

        configuration.AddCatalogFile();

        Assert.Equal("File", configuration["Licensing:Catalog:Products:fromfile:Edition"]);
        Assert.Equal("operator-secret", configuration["Licensing:Operator:Credentials:0:Password"]);
    }

    [Theory]
    [InlineData("Licensing:Signing:Keys:0:PrivateKeyPem", """{"Licensing":{"Signing":{"Keys":[{"PrivateKeyPem":"-----BEGIN PRIVATE KEY-----"}]}}}""")]
    [InlineData("Licensing:Ka:Credentials:0:Password", """{"Licensing":{"Ka":{"Credentials":[{"UserName":"ka","Password":"mine"}]}}}""")]
    [InlineData("Licensing:Operator:Credentials:0:Password", """{"Licensing":{"Operator":{"Credentials":[{"UserName":"isv","Password":"mine"}]}}}""")]
    [InlineData("Licensing:Storage:ConnectionString", """{"Licensing":{"Storage":{"ConnectionString":"Host=evil"}}}""")]
    [InlineData("ConnectionStrings:Default", """{"ConnectionStrings":{"Default":"Host=evil"}}""")]
    [InlineData("Licensing:CatalogFile", """{"Licensing":{"CatalogFile":"/tmp/other.json"}}""")]
    public void A_file_that_sets_anything_but_the_catalog_stops_start_up_naming_the_key_and_changes_nothing(string key, string extra)
    {
        var catalog = """{"Licensing":{"Catalog":{"Products":{"fromfile":{"Edition":"File"}}}}}""";
        var merged = Merge(catalog, extra);
        var configuration = WithCatalogFile(merged);
        var before = configuration.AsEnumerable().ToDictionary(p => p.Key, p => p.Value);

        var error = Assert.Throws<InvalidOperationException>(configuration.AddCatalogFile);

        Assert.Contains($"'{key}'", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Licensing:Catalog", error.Message, StringComparison.Ordinal);
        // Never the value: the file might hold a secret someone pasted there.
        Assert.DoesNotContain("mine", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("evil", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, configuration.AsEnumerable().ToDictionary(p => p.Key, p => p.Value));
    }

    [Fact]
    public void A_missing_file_stops_start_up()
    {
        var configuration = new ConfigurationManager();
        configuration["Licensing:CatalogFile"] = Path.Combine(_directory, "missing.json");

        Assert.Throws<FileNotFoundException>(configuration.AddCatalogFile);
    }

    private ConfigurationManager WithCatalogFile(string json)
    {
        var file = Path.Combine(_directory, "catalog.json");
        File.WriteAllText(file, json);
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Licensing:CatalogFile"] = file,
            ["Licensing:Signing:Keys:0:PrivateKeyPem"] = "the real key",
            ["Licensing:Ka:Credentials:0:UserName"] = "ka",
            ["Licensing:Ka:Credentials:0:Password"] = "ka-secret",
            ["Licensing:Operator:Credentials:0:UserName"] = "isv",
            ["Licensing:Operator:Credentials:0:Password"] = "operator-secret",
            ["Licensing:Storage:ConnectionString"] = "Host=db",
        });
        return configuration;
    }

    private static string Merge(string first, string second)
    {
        var a = System.Text.Json.Nodes.JsonNode.Parse(first)!.AsObject();
        var b = System.Text.Json.Nodes.JsonNode.Parse(second)!.AsObject();
        foreach (var (name, value) in b.ToList())
        {
            b.Remove(name);
            if (a[name] is System.Text.Json.Nodes.JsonObject target && value is System.Text.Json.Nodes.JsonObject source)
            {
                foreach (var (inner, innerValue) in source.ToList())
                {
                    source.Remove(inner);
                    target[inner] = innerValue;
                }
            }
            else
            {
                a[name] = value;
            }
        }

        return a.ToJsonString();
    }
}
