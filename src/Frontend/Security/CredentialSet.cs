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

    public bool Accepts(string userName, string password) => Check(userName, password).Accepted;

    /// <summary>
    /// Whether the pair is accepted, and the user name when some credential has it (else null: the throttle keeps
    /// one bucket per known name and one for all others). Every credential is compared, whatever matched, so
    /// timing tells neither which names exist nor which part was wrong.
    /// </summary>
    public (string? KnownUserName, bool Accepted) Check(string userName, string password)
    {
        var user = Hash(userName);
        var secret = Hash(password);
        var known = false;
        var accepted = false;
        foreach (var (acceptedUser, acceptedPassword) in _accepted)
        {
            var sameUser = CryptographicOperations.FixedTimeEquals(user, acceptedUser);
            known |= sameUser;
            accepted |= sameUser & CryptographicOperations.FixedTimeEquals(secret, acceptedPassword);
        }

        return (known ? userName : null, accepted);
    }

    private static byte[] Hash(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));
}
