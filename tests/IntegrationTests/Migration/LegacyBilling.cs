using System.Text.Json;

namespace Orleans.Licensing.IntegrationTests.Migration;

/// <summary>The previous version's billing report (GET /operator/billing) over the fixture's year.</summary>
internal sealed record LegacyBilling(string From, string To, JsonElement Report);
