using Microsoft.Extensions.Options;
using Orleans.Licensing.Storage;

namespace Orleans.Licensing.Hosting;

/// <summary>
/// Refuses storage settings the host would otherwise trip over later: an unknown provider (a number the binder
/// takes as one), PostgreSQL without a connection string, a connection string file that is missing or empty.
/// Messages name the setting and at most the file's path, never a connection string: it holds the password.
/// </summary>
internal sealed class LicensingStorageOptionsValidator : IValidateOptions<LicensingStorageOptions>
{
    private const string Section = LicensingStorageOptions.Section;

    public ValidateOptionsResult Validate(string? name, LicensingStorageOptions options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Provider))
        {
            failures.Add($"{Section}:Provider must be {string.Join(" or ", Enum.GetNames<StorageProvider>())}; it is {(int)options.Provider}.");
        }

        var given = !string.IsNullOrWhiteSpace(options.ConnectionString);
        if (options.Provider == StorageProvider.PostgreSql && !given && string.IsNullOrWhiteSpace(options.ConnectionStringFile))
        {
            failures.Add($"{Section}:ConnectionString (or {Section}:ConnectionStringFile) is required for PostgreSql.");
        }

        // The file is read only when no connection string is given, so only then does it have to be there.
        if (!given && options.ConnectionStringFile is { Length: > 0 } file)
        {
            if (!File.Exists(file))
            {
                failures.Add($"{Section}:ConnectionStringFile '{file}' is not a file this process can see.");
            }
            else if (string.IsNullOrWhiteSpace(File.ReadAllText(file)))
            {
                failures.Add($"{Section}:ConnectionStringFile '{file}' is empty.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
