using Orleans.Licensing.Hosting;
using Orleans.Licensing.Storage;

namespace Orleans.Licensing.UnitTests;

/// <summary>A connection string holds the database password: a complaint about it names the setting, never its text.</summary>
public sealed class ConnectionStringRedactionTests
{
    private const string Secret = "s3cret-tail-of-the-password";

    private static readonly LicensingOptions Licensing = new() { DataDirectory = Path.Combine(Path.GetTempPath(), "never-used-" + Guid.NewGuid().ToString("N")) };

    [Theory]
    // An unquoted ';' in the password: Npgsql reads its tail as a keyword and quoted it in its error.
    [InlineData($"Host=db;Username=licensing;Password=first-part;{Secret};Database=licensing")]
    [InlineData($"Host=db;Username=licensing;Password=first-part;{Secret}=x;Database=licensing")]
    [InlineData($"Host=db;Username=licensing;Password='{Secret}")]
    public void An_unparsable_PostgreSQL_connection_string_is_refused_naming_the_setting_and_not_the_password(string connectionString)
    {
        var storage = new LicensingStorageOptions { Provider = StorageProvider.PostgreSql, ConnectionString = connectionString };

        var e = Assert.Throws<InvalidOperationException>(() => storage.ResolveConnectionString(Licensing));

        Assert.Contains("Licensing:Storage:ConnectionString", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("first-part", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Null(e.InnerException);
    }

    [Fact]
    public void A_wrong_value_of_a_known_keyword_is_named_without_the_password()
    {
        var storage = new LicensingStorageOptions { Provider = StorageProvider.PostgreSql, ConnectionString = $"Host=db;Password={Secret};Port=not-a-port" };

        var e = Assert.Throws<InvalidOperationException>(() => storage.ResolveConnectionString(Licensing));

        Assert.Contains("'port'", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, e.Message, StringComparison.Ordinal);
    }
}
