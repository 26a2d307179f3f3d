namespace Orleans.Licensing;

/// <summary>A validated TERMINATE request.</summary>
[GenerateSerializer, Immutable, Alias("licensing.TerminationOrder")]
public sealed record TerminationOrder(
    string PurchaseId,
    string ProductId,
    bool TestMode,
    DateOnly TerminationDate,
    byte[]? PreviousLicenseBody = null)
{
    public override string ToString() => $"TerminationOrder {{ PurchaseId = {PurchaseId}, ProductId = {ProductId}, TerminationDate = {TerminationDate:O} }}";
}
