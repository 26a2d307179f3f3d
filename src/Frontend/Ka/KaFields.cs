namespace Orleans.Licensing.Frontend.Ka;

/// <summary>The form fields of KA's ISV protocol v1.0 and their size limits in characters (spec A.3–A.5).</summary>
internal static class KaFields
{
    public const string ProtocolModel = "APS_PROTOCOL_MODEL";
    public const string Action = "APS_ACTION";
    public const string TestMode = "APS_TEST_MODE";
    public const string ActivationData = "ACTIVATION_DATA";
    public const string PurchaseId = "PURCHASE_ID";
    public const string ProductId = "PRODUCT_ID";
    public const string PurchaseDate = "PURCHASE_DATE";
    public const string SubscriptionDate = "SUBSCRIPTION_DATE";
    public const string StartDate = "START_DATE";
    public const string ExpiryDate = "EXPIRY_DATE";
    public const string PreviousLicenseBody = "PREVIOUS_LICENSE_BODY";
    public const string RegName = "REG_NAME";
    public const string TerminationDate = "APS_TERMINATION_DATE";

    /// <summary>Limits of the fields with a fixed size; ACTIVATION_DATA and PREVIOUS_LICENSE_BODY come from configuration.</summary>
    public static readonly IReadOnlyDictionary<string, int> FixedLimits = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        [ProtocolModel] = 1,
        [Action] = 30,
        [TestMode] = 1,
        [PurchaseId] = 10,
        [ProductId] = 30,
        [PurchaseDate] = 10,
        [SubscriptionDate] = 10,
        [StartDate] = 10,
        [ExpiryDate] = 10,
        [RegName] = 100,
        [TerminationDate] = 10,
    };
}
