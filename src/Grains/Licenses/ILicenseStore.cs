
namespace Orleans.Licensing.Licenses;

/// <summary>
/// Where licenses live (B.11, B.12): one small state row per license, and append-only history rows beside it
/// (every issuance with its body, every audit entry, every usage report) written in the same transaction.
/// Every failure reaches the caller as <see cref="LicenseStorageException"/>, which crosses silo boundaries.
/// </summary>
public interface ILicenseStore
{
    /// <summary>The license's state and the version it was stored at; <see cref="StoredLicense.None"/> when there is no row.</summary>
    Task<StoredLicense> Read(string purchaseId);

    /// <summary>
    /// Makes <paramref name="write"/> durable, together with other licenses' writes that arrive meanwhile (group
    /// commit), and returns the license's new version only once the transaction holding it committed.
    /// </summary>
    Task<int> Commit(LicenseWrite write);

    /// <summary>B.5 for requests older than the state keeps: the latest issuance with this action, product and dates.</summary>
    Task<Issuance?> FindIssuance(string purchaseId, IssuanceCause cause, string productId, DateOnly startDate, DateOnly expiryDate);

    /// <summary>Every issuance and every audit entry of the license, oldest first.</summary>
    Task<LicenseHistory> History(string purchaseId);
}
