using Orleans.Licensing.IntegrationTests.Support;

namespace Orleans.Licensing.IntegrationTests.Migration;

/// <summary>
/// What the previous version (760eeaf, licenses in Orleans' grain storage) wrote and answered, made by
/// Fixtures/make-fixtures.sh and read from the source tree, as other tests read repository files.
/// </summary>
internal static class LegacyFixtures
{
    /// <summary>What the legacy step is called in the migrator's list, by storage.</summary>
    public const string SqliteLegacyStep = "0004-legacy-licenses";

    public const string PostgresLegacyStep = "0007-legacy-licenses";

    public static string Directory => Path.Combine(RepositoryPaths.Root, "tests", "IntegrationTests", "Migration", "Fixtures");

    /// <summary>The old service's licensing.db (named so that the repository's *.db ignore rule leaves it tracked).</summary>
    public static string SqliteDatabase => Existing("legacy-licensing.sqlite");

    /// <summary>pg_dump of the database the old service wrote on PostgreSQL 15, plain SQL.</summary>
    public static string PostgresDump => Existing("legacy-licensing.postgresql.sql");

    /// <summary>The Development signing key both old runs used; it lives in the data directory beside licensing.db.</summary>
    public static string SigningKey => Existing("signing-key.development.pem");

    public static LegacyManifest Manifest(string storage) => LegacyManifest.Load(Existing($"manifest.{storage}.json"));

    /// <summary>A fresh data directory holding the signing key, as the old service left it (without its database).</summary>
    public static string NewDataDirectory()
    {
        var directory = TestEnvironment.NewDataDirectory();
        File.Copy(SigningKey, Path.Combine(directory, "signing-key.development.pem"));
        return directory;
    }

    /// <summary>A fresh data directory as the old embedded service left it: its licensing.db and its signing key.</summary>
    public static string NewSqliteDataDirectory()
    {
        var directory = NewDataDirectory();
        File.Copy(SqliteDatabase, Path.Combine(directory, "licensing.db"));
        return directory;
    }

    private static string Existing(string name)
    {
        var path = Path.Combine(Directory, name);
        return File.Exists(path) ? path : throw new FileNotFoundException("a legacy-migration fixture is missing: run Fixtures/make-fixtures.sh", path);
    }
}
