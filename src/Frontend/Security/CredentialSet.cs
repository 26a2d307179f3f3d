using System.Security.Cryptography;
using System.Text;

namespace Orleans.Licensing.Frontend.Security;

/// <summary>
/// Accepted credentials, compared in constant time: hashing first makes every comparison the same length,
/// and every configured credential is compared, so timing tells nothing about which part was wrong.
/// </summary>
internal sealed class CredentialSet(IEnumerable<Credential> credentials)
{
    private readonly (byte[] User, byte[] Password)[] _accepted =
        [.. credentials.Select(c => (Hash(c.UserName), Hash(c.Password)))];

    public bool Accepts(string userName, string password)
    {
        var user = Hash(userName);
        var secret = Hash(password);
        var accepted = false;
        foreach (var (acceptedUser, acceptedPassword) in _accepted)
        {
            accepted |= CryptographicOperations.FixedTimeEquals(user, acceptedUser)
                & CryptographicOperations.FixedTimeEquals(secret, acceptedPassword);
        }

        return accepted;
    }

    /// <summary>
    /// The user name when some credential has it, else null: the throttle keeps one bucket per known name and
    /// one for all others. Every name is compared, so timing does not tell which names exist.
    /// </summary>
    public string? KnownUserName(string userName)
    {
        var user = Hash(userName);
        var known = false;
        foreach (var (acceptedUser, _) in _accepted)
        {
            known |= CryptographicOperations.FixedTimeEquals(user, acceptedUser);
        }

        return known ? userName : null;
    }

    private static byte[] Hash(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));
}
