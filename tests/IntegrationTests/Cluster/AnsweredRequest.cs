using Orleans.Licensing.IntegrationTests.Support;

namespace Orleans.Licensing.IntegrationTests.Cluster;

/// <summary>One 200 the fault test's traffic got, for <see cref="DurabilityCheck"/>.</summary>
internal sealed record AnsweredRequest(string PurchaseId, KaAction Action, string Form, KaAnswer Answer);
