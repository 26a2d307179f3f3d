namespace Orleans.Licensing.Frontend.Security;

internal static class CredentialRules
{
    /// <summary>What is wrong with a credential list, for start-up validation; never echoes a password.</summary>
    public static IEnumerable<string> Problems(string section, IReadOnlyList<Credential> credentials)
    {
        if (credentials.Count == 0)
        {
            yield return $"{section}:Credentials is empty: outside Development at least one credential must be configured.";
        }

        for (var i = 0; i < credentials.Count; i++)
        {
            if (credentials[i].UserName.Length == 0 || credentials[i].UserName.Contains(':', StringComparison.Ordinal))
            {
                yield return $"{section}:Credentials:{i}:UserName must be non-empty and free of ':'.";
            }

            if (credentials[i].Password.Length == 0)
            {
                yield return $"{section}:Credentials:{i}:Password is empty.";
            }
        }
    }
}
