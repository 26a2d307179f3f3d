namespace Orleans.Licensing.IntegrationTests.Deploy;

/// <summary>deploy/k8s renders with kustomize, and every object it renders is one the Kubernetes API accepts.</summary>
public sealed class ManifestSchemaTests
{
    public static TheoryData<string> Overlays => new(DeployTools.Overlays);

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task The_overlay_renders_with_kubectl_kustomize(string overlay)
    {
        var yaml = await DeployTools.Kustomize(overlay);

        Assert.Contains("kind: Deployment", yaml, StringComparison.Ordinal);
        Assert.Contains("name: licensing-silo", yaml, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Every_rendered_object_validates_against_the_kubernetes_api_schema(string overlay)
    {
        var result = await DeployTools.Validate(await DeployTools.Kustomize(overlay));

        Assert.True(result.ExitCode == 0, $"overlays/{overlay}:\n{result.Stderr}");
        var rendered = await RenderedOverlay.Get(overlay);
        var kinds = rendered.Objects.Select(RenderedOverlay.Kind).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(
            new HashSet<string>(["Namespace", "ServiceAccount", "ConfigMap", "Deployment", "Service", "Job", "Ingress", "PodDisruptionBudget", "NetworkPolicy"], StringComparer.Ordinal),
            kinds);
    }

    [Fact]
    public async Task The_dev_postgresql_validates_and_is_the_database_the_dev_overlay_reaches()
    {
        var file = Path.Combine(DeployTools.K8sDirectory, "overlays", "dev", "postgresql.yaml");
        var result = await DeployTools.Validate(await File.ReadAllTextAsync(file));
        Assert.True(result.ExitCode == 0, result.Stderr);

        var objects = System.Text.Json.Nodes.JsonNode.Parse(result.Stdout)!.AsArray().Select(o => o!.AsObject()).ToList();
        var deployment = objects.Single(o => RenderedOverlay.Kind(o) == "Deployment");
        var podLabels = RenderedOverlay.Labels(deployment["spec"]!["template"]!["metadata"]!["labels"]);
        var dev = await RenderedOverlay.Get("dev");
        var egress = dev.Find("NetworkPolicy", "licensing-postgresql-egress")!["spec"]!["egress"]!.AsArray();
        Assert.Contains(egress.SelectMany(r => r!["to"]!.AsArray()), peer => RenderedOverlay.Selects(peer!["podSelector"], podLabels));

        // Each workload's connection string names a role the init script creates (roles.sql), with its password.
        var env = Workload.Env(deployment["spec"]!["template"]!["spec"]!["containers"]![0]!.AsObject())
            .ToDictionary(e => e["name"]!.GetValue<string>(), e => e["value"]!.GetValue<string>(), StringComparer.Ordinal);
        var service = RenderedOverlay.Name(objects.Single(o => RenderedOverlay.Kind(o) == "Service"));
        var init = objects.Single(o => RenderedOverlay.Kind(o) == "ConfigMap" && RenderedOverlay.Name(o) == "postgresql-init")["data"]!.AsObject().Single().Value!.GetValue<string>();
        Assert.Contains("-f /licensing/roles.sql", init, StringComparison.Ordinal);
        var databases = dev.OfKind("Secret").Select(RenderedOverlay.Name).Where(n => n.StartsWith("licensing-database-", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, databases.Count);
        foreach (var database in databases)
        {
            var connectionString = new Npgsql.NpgsqlConnectionStringBuilder(dev.Data("Secret", database, "connection-string")!);
            var workload = connectionString.Username!["licensing_".Length..];
            Assert.Equal(service, connectionString.Host);
            Assert.Equal(env["POSTGRES_DB"], connectionString.Database);
            Assert.NotEqual(env["POSTGRES_USER"], connectionString.Username);
            Assert.Contains($"-v {workload}_password={connectionString.Password} ", init, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_validator_rejects_wrong_types_unknown_fields_and_bad_port_names()
    {
        // A broken Deployment: if the validator let this through, the checks above would prove nothing.
        const string broken = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: broken
            spec:
              replicas: three
              selector:
                matchLabels: {app: broken}
              template:
                metadata:
                  labels: {app: broken}
                spec:
                  containers:
                    - name: silo
                      image: silo
                      readinesProbe:
                        httpGet: {path: /health/ready, port: 8080}
                      ports:
                        - name: orleans-gateway-port
                          containerPort: 30000
            ---
            apiVersion: autoscaling/v2beta9
            kind: HorizontalPodAutoscaler
            metadata:
              name: unknown-version
            """;

        var result = await DeployTools.Validate(broken);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("/spec/replicas must be integer", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("readinesProbe: unknown field", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("port name 'orleans-gateway-port'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("no schema for autoscaling/v2beta9 HorizontalPodAutoscaler", result.Stderr, StringComparison.Ordinal);
    }
}
