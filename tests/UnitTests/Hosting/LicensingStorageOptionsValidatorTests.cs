using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Orleans.Licensing.Hosting;
using Orleans.Licensing.Storage;

namespace Orleans.Licensing.UnitTests;

public sealed class LicensingStorageOptionsValidatorTests : IDisposable
{
    private const string Secret = "s3cret-password-of-the-database";
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("orleans-licensing-storage-options-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public void The_embedded_default_sqlite_without_a_connection_string_is_accepted()
    {
        Assert.True(Validate(new LicensingStorageOptions()).Succeeded);
    }

    [Fact]
    public void An_unknown_provider_is_refused_naming_the_setting_and_the_providers_but_not_the_connection_string()
    {
        var result = Validate(new LicensingStorageOptions { Provider = (StorageProvider)7, ConnectionString = $"Host=db;Password={Secret}" });

        Assert.True(result.Failed);
        Assert.Contains("Licensing:Storage:Provider must be Sqlite or PostgreSql; it is 7", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void PostgreSQL_without_a_connection_string_or_file_is_refused_naming_both_settings(string? connectionString)
    {
        var result = Validate(new LicensingStorageOptions { Provider = StorageProvider.PostgreSql, ConnectionString = connectionString });

        Assert.True(result.Failed);
        Assert.Contains("Licensing:Storage:ConnectionString (or Licensing:Storage:ConnectionStringFile) is required for PostgreSql", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void PostgreSQL_with_a_connection_string_is_accepted()
    {
        Assert.True(Validate(new LicensingStorageOptions { Provider = StorageProvider.PostgreSql, ConnectionString = $"Host=db;Password={Secret}" }).Succeeded);
    }

    [Fact]
    public void A_connection_string_file_that_is_not_there_is_refused_naming_the_setting_and_the_path()
    {
        var missing = Path.Combine(_directory.FullName, "connection-string");

        var result = Validate(new LicensingStorageOptions { Provider = StorageProvider.PostgreSql, ConnectionStringFile = missing });

        Assert.True(result.Failed);
        Assert.Contains($"Licensing:Storage:ConnectionStringFile '{missing}'", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n")]
    public void An_empty_connection_string_file_is_refused(string content)
    {
        var file = Path.Combine(_directory.FullName, "connection-string");
        File.WriteAllText(file, content);

        var result = Validate(new LicensingStorageOptions { Provider = StorageProvider.PostgreSql, ConnectionStringFile = file });

        Assert.True(result.Failed);
        Assert.Contains($"Licensing:Storage:ConnectionStringFile '{file}' is empty", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_connection_string_file_with_a_connection_string_is_accepted()
    {
        var file = Path.Combine(_directory.FullName, "connection-string");
        File.WriteAllText(file, $"Host=db;Password={Secret}\n");

        Assert.True(Validate(new LicensingStorageOptions { Provider = StorageProvider.PostgreSql, ConnectionStringFile = file }).Succeeded);
    }

    /// <summary>The file is read only when no connection string is given, so a stale path beside one is harmless.</summary>
    [Fact]
    public void A_missing_file_beside_a_given_connection_string_is_not_read()
    {
        var options = new LicensingStorageOptions
        {
            Provider = StorageProvider.PostgreSql,
            ConnectionString = $"Host=db;Password={Secret}",
            ConnectionStringFile = Path.Combine(_directory.FullName, "never-written"),
        };

        Assert.True(Validate(options).Succeeded);
    }

    /// <summary>What the builders call before they wire storage: the configuration's options, refused as at start.</summary>
    [Fact]
    public void Read_from_configuration_PostgreSQL_without_a_connection_string_throws_the_validators_message()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Licensing:Storage:Provider"] = "PostgreSql" })
            .Build();

        var e = Assert.Throws<OptionsValidationException>(() =>
            configuration.ReadValid(LicensingStorageOptions.Section, new LicensingStorageOptionsValidator()));

        Assert.Equal(typeof(LicensingStorageOptions), e.OptionsType);
        Assert.Contains("Licensing:Storage:ConnectionString", e.Message, StringComparison.Ordinal);
    }

    private static ValidateOptionsResult Validate(LicensingStorageOptions options) => new LicensingStorageOptionsValidator().Validate(null, options);
}
