using System.Globalization;
using System.Text.Json.Nodes;

namespace Orleans.Licensing.IntegrationTests.Deploy;

/// <summary>
/// What the rendered NetworkPolicies let through, worked out as the API defines it (policies add up; a pod
/// selected by a policy of a direction is isolated in that direction), compared with what the service needs.
/// </summary>
public sealed class NetworkPolicyTests
{
    public static TheoryData<string> Overlays => new(DeployTools.Overlays);

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Only_silos_and_frontends_reach_silos_and_only_on_the_orleans_ports(string overlay)
    {
        var rendered = await RenderedOverlay.Get(overlay);
        var silo = rendered.Workload("silo");
        var ports = Workload.Ports(silo.MainContainer);

        var allowed = Allowed(rendered, silo, "ingress");

        Assert.Equal(
            Set($"pods:silo {ports["silo"]}/TCP", $"pods:silo {ports["gateway"]}/TCP", $"pods:frontend {ports["gateway"]}/TCP", $"namespace:monitoring {ports["metrics"]}/TCP"),
            allowed);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Frontends_take_traffic_from_the_ingress_controller_and_scrapes_from_monitoring_only_on_the_metrics_port(string overlay)
    {
        var rendered = await RenderedOverlay.Get(overlay);
        var frontend = rendered.Workload("frontend");
        var ports = Workload.Ports(frontend.MainContainer);

        // Monitoring reaches only the port that serves /metrics alone, never KA's, the operator API's or the dashboard's.
        Assert.Equal(Set($"namespace:ingress-nginx {ports["http"]}/TCP", $"namespace:monitoring {ports["metrics"]}/TCP"), Allowed(rendered, frontend, "ingress"));
        Assert.NotEqual(ports["http"], ports["metrics"]);
        Assert.Empty(Allowed(rendered, rendered.Workload("migrate"), "ingress"));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Pods_reach_postgresql_dns_and_the_silo_ports_they_need_and_nothing_else(string overlay)
    {
        var rendered = await RenderedOverlay.Get(overlay);
        var silo = rendered.Workload("silo");
        var ports = Workload.Ports(silo.MainContainer);
        var postgresql = Assert.Single(
            rendered.Workloads.SelectMany(w => Allowed(rendered, w, "egress")).Where(a => a.EndsWith(" 5432/TCP", StringComparison.Ordinal)).Distinct());
        var common = new[] { "any 53/UDP", "any 53/TCP", postgresql };

        Assert.Equal(Set([.. common, $"pods:silo {ports["silo"]}/TCP", $"pods:silo {ports["gateway"]}/TCP"]), Allowed(rendered, silo, "egress"));
        Assert.Equal(Set([.. common, $"pods:silo {ports["gateway"]}/TCP"]), Allowed(rendered, rendered.Workload("frontend"), "egress"));
        Assert.Equal(Set(common), Allowed(rendered, rendered.Workload("migrate"), "egress"));
        // PostgreSQL is outside the cluster in production (an address), a labelled pod in dev.
        Assert.StartsWith(overlay == "dev" ? "pods:app.kubernetes.io/name=postgresql " : "ipBlock:", postgresql, StringComparison.Ordinal);
    }

    /// <summary>"source port/protocol" for each way into (ingress) or out of (egress) the workload's pods.</summary>
    private static SortedSet<string> Allowed(RenderedOverlay rendered, Workload target, string direction)
    {
        var type = direction == "ingress" ? "Ingress" : "Egress";
        var policies = rendered.OfKind("NetworkPolicy")
            .Where(p => RenderedOverlay.Selects(p["spec"]!["podSelector"], target.PodLabels))
            .Where(p => (p["spec"]!["policyTypes"]?.AsArray().Select(t => t!.GetValue<string>()) ?? ["Ingress"]).Contains(type))
            .ToList();
        Assert.True(policies.Count > 0, $"{target.Description} is not isolated for {direction}: everything may reach it");

        var allowed = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var rule in policies.SelectMany(p => p["spec"]![direction]?.AsArray() ?? []))
        {
            var peers = rule![direction == "ingress" ? "from" : "to"]?.AsArray() is { Count: > 0 } list
                ? list.SelectMany(peer => Describe(rendered, peer!)).ToList()
                : ["any"];
            var ports = rule["ports"]?.AsArray() is { Count: > 0 } portList
                ? portList.Select(p => $"{RenderedOverlay.Text(p!["port"])}/{p["protocol"]?.GetValue<string>() ?? "TCP"}").ToList()
                : ["all"];
            foreach (var peer in peers)
            {
                foreach (var port in ports)
                {
                    allowed.Add($"{peer} {port}");
                }
            }
        }

        return allowed;
    }

    private static List<string> Describe(RenderedOverlay rendered, JsonNode peer)
    {
        if (peer["ipBlock"] is { } block)
        {
            return [$"ipBlock:{block["cidr"]}"];
        }

        if (peer["namespaceSelector"] is { } namespaces)
        {
            var name = RenderedOverlay.Labels(namespaces["matchLabels"]).GetValueOrDefault("kubernetes.io/metadata.name");
            var pods = peer["podSelector"] is null ? "" : $"/{peer["podSelector"]!.ToJsonString()}";
            return [$"namespace:{name ?? namespaces.ToJsonString()}{pods}"];
        }

        var selector = peer["podSelector"]!;
        var selected = rendered.Workloads.Where(w => RenderedOverlay.Selects(selector, w.PodLabels)).Select(w => $"pods:{w.Component}").ToList();
        return selected.Count > 0
            ? selected
            : [$"pods:{string.Join(',', RenderedOverlay.Labels(selector["matchLabels"]).Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Key}={l.Value}")))}"];
    }

    private static SortedSet<string> Set(params string[] items) => new(items, StringComparer.Ordinal);
}
