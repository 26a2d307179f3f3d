using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Orleans.Licensing.Catalog;
using Orleans.Licensing.Frontend.Hosting;
using Orleans.Licensing.Frontend.Ka;
using Orleans.Licensing.Hosting;
using Xunit.Abstractions;

namespace Orleans.Licensing.IntegrationTests.Deploy;

/// <summary>The rendered manifests against the code they deploy: paths, ports, settings, labels, shutdown, security.</summary>
public sealed partial class ManifestContractTests(ITestOutputHelper output)
{
    private const string Silo = "silo";
    private const string Frontend = "frontend";
    private const string Migrate = "migrate";

    /// <summary>Variables that are not <c>Licensing:…</c> settings: the hosts' own, and the downward API's.</summary>
    private static readonly HashSet<string> OtherVariables = new(StringComparer.Ordinal)
    {
        "Urls", "DOTNET_ENVIRONMENT", "ASPNETCORE_ENVIRONMENT",
        "Logging__Console__FormatterName", "POD_NAME", "POD_IP", "POD_NAMESPACE",
    };

    /// <summary>The Secrets the manifests use; production's are created by the operator (docs/operations.md).</summary>
    private static readonly HashSet<string> SecretNames = new(StringComparer.Ordinal)
    {
        "licensing-database-owner", "licensing-database-silo", "licensing-database-frontend", "licensing-signing", "licensing-ka", "licensing-operator", "licensing-tls",
    };

    /// <summary>The migration Job's, the silos' and the frontends' database credentials, in that order.</summary>
    private static readonly string[] DatabaseSecrets = ["licensing-database-owner", "licensing-database-silo", "licensing-database-frontend"];

    public static TheoryData<string> Overlays => new(DeployTools.Overlays);

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Probes_use_the_health_endpoints_on_the_http_port_and_scraping_the_metrics_port(string overlay)
    {
        var rendered = await RenderedOverlay.Get(overlay);
        foreach (var workload in new[] { rendered.Workload(Silo), rendered.Workload(Frontend) })
        {
            var container = workload.MainContainer;
            var httpPort = UrlsPort(Workload.EnvValue(rendered, container, "Urls"));
            foreach (var (probe, path) in new[] { ("startupProbe", OperationsPaths.Startup), ("readinessProbe", OperationsPaths.Ready), ("livenessProbe", OperationsPaths.Live) })
            {
                var get = container[probe]?["httpGet"];
                Assert.True(get is not null, $"{workload.Description}: no {probe}.httpGet");
                Assert.Equal(path, get["path"]!.GetValue<string>());
                Assert.Equal(httpPort, workload.ResolvePort(container, get["port"]!));
            }

            // Scrapes go to the metrics port the host is told to serve /metrics on, apart from the HTTP port.
            var metricsPort = Workload.Ports(container)["metrics"];
            Assert.NotEqual(httpPort, metricsPort);
            Assert.Equal(metricsPort.ToString(CultureInfo.InvariantCulture), Workload.EnvValue(rendered, container, "Licensing__Metrics__Port"));
            Assert.Equal("true", workload.PodAnnotations.GetValueOrDefault("prometheus.io/scrape"));
            Assert.Equal(OperationsPaths.Metrics, workload.PodAnnotations.GetValueOrDefault("prometheus.io/path"));
            Assert.Equal(metricsPort.ToString(CultureInfo.InvariantCulture), workload.PodAnnotations.GetValueOrDefault("prometheus.io/port"));
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Container_ports_are_the_ports_the_code_listens_on(string overlay)
    {
        var rendered = await RenderedOverlay.Get(overlay);
        var defaults = new LicensingClusterOptions();
        var silo = rendered.Workload(Silo);
        var siloContainer = silo.MainContainer;
        var siloPorts = Workload.Ports(siloContainer);

        Assert.Equal(defaults.SiloPort, siloPorts["silo"]);
        Assert.Equal(defaults.GatewayPort, siloPorts["gateway"]);
        Assert.Equal(UrlsPort(Workload.EnvValue(rendered, siloContainer, "Urls")), siloPorts["http"]);
        Assert.Equal(siloPorts["silo"].ToString(CultureInfo.InvariantCulture), Workload.EnvValue(rendered, siloContainer, "Licensing__Cluster__SiloPort"));
        Assert.Equal(siloPorts["gateway"].ToString(CultureInfo.InvariantCulture), Workload.EnvValue(rendered, siloContainer, "Licensing__Cluster__GatewayPort"));
        Assert.Equal(4, siloPorts.Count);

        var frontend = rendered.Workload(Frontend);
        var frontendPorts = Workload.Ports(frontend.MainContainer);
        Assert.Equal(UrlsPort(Workload.EnvValue(rendered, frontend.MainContainer, "Urls")), Assert.Single(frontendPorts, p => p.Key == "http").Value);

        // Every Service port reaches a container port of the pods it selects.
        foreach (var service in rendered.OfKind("Service"))
        {
            var selector = new JsonObject { ["matchLabels"] = service["spec"]!["selector"]?.DeepClone() };
            var selected = rendered.Workloads.Where(w => RenderedOverlay.Selects(selector, w.PodLabels)).ToList();
            Assert.True(selected.Count > 0, $"{RenderedOverlay.Describe(service)} selects no pods");
            foreach (var port in service["spec"]!["ports"]!.AsArray())
            {
                foreach (var workload in selected)
                {
                    workload.ResolvePort(workload.MainContainer, port!["targetPort"] ?? port["port"]!);
                }
            }
        }

        Assert.Equal(80, RenderedOverlay.Int(rendered.Find("Service", "licensing-frontend")!["spec"]!["ports"]![0]!["port"]));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Every_environment_variable_is_a_setting_the_code_reads(string overlay)
    {
        var rendered = await RenderedOverlay.Get(overlay);
        var problems = new List<string>();
        var readByName = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var workload in rendered.Workloads)
        {
            foreach (var container in workload.Containers)
            {
                foreach (var variable in Workload.Env(container))
                {
                    var name = variable["name"]!.GetValue<string>();
                    if (!name.StartsWith("Licensing__", StringComparison.Ordinal))
                    {
                        // OpenTelemetry's own variables (OTEL_EXPORTER_OTLP_ENDPOINT) are read by its SDK.
                        if (!OtherVariables.Contains(name) && !name.StartsWith("OTEL_", StringComparison.Ordinal))
                        {
                            problems.Add($"{workload.Description}: {name} is neither a Licensing setting nor one of the known host variables");
                        }

                        continue;
                    }

                    var key = ConfigurationKeys.FromEnvironmentVariable(name);
                    if (ConfigurationKeys.Problem(key, Workload.EnvValue(rendered, container, name)) is { } problem)
                    {
                        problems.Add($"{workload.Description}: {name} ({key}): {problem}");
                    }
                    else if (!ConfigurationKeys.IsOptionsProperty(key))
                    {
                        readByName.Add(key);
                    }
                }
            }
        }

        output.WriteLine($"settings the code reads by name rather than through an options class: {string.Join(", ", readByName)}");
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    /// <summary>The login throttle needs the client's address: believed from the ingress controller alone.</summary>
    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Frontends_believe_forwarded_headers_only_from_the_configured_proxies(string overlay)
    {
        var rendered = await RenderedOverlay.Get(overlay);
        var frontend = rendered.Workload(Frontend).MainContainer;

        var proxies = Workload.EnvValue(rendered, frontend, "Licensing__Network__TrustedProxies__0");

        Assert.Null(Workload.EnvValue(rendered, frontend, "ASPNETCORE_FORWARDEDHEADERS_ENABLED"));
        Assert.NotNull(proxies);
        Assert.Empty(Orleans.Licensing.Frontend.Security.NetworkRules.Problems("TrustedProxies", [proxies]));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Each_host_gets_the_settings_of_the_cluster_contract(string overlay)
    {
        var rendered = await RenderedOverlay.Get(overlay);
        var silo = rendered.Workload(Silo);
        var frontend = rendered.Workload(Frontend);
        var migrate = rendered.Workload(Migrate);

        foreach (var workload in new[] { silo, frontend })
        {
            var c = workload.MainContainer;
            Assert.Equal("PostgreSql", Workload.EnvValue(rendered, c, "Licensing__Storage__Provider"));
            Assert.Equal("/var/run/secrets/licensing/db/connection-string", Workload.EnvValue(rendered, c, "Licensing__Storage__ConnectionStringFile"));
            Assert.Equal(nameof(ClusteringProvider.AdoNet), Workload.EnvValue(rendered, c, "Licensing__Cluster__Clustering"));
            Assert.Equal("/etc/licensing/catalog/catalog.json", Workload.EnvValue(rendered, c, "Licensing__CatalogFile"));
            Assert.Equal("http://+:8080", Workload.EnvValue(rendered, c, "Urls"));
            Assert.Equal("json", Workload.EnvValue(rendered, c, "Logging__Console__FormatterName"));
            // The dev overlay signs with the committed dev-only key, which only Development accepts.
            var environment = overlay == "dev" ? "Development" : "Production";
            Assert.Equal(environment, Workload.EnvValue(rendered, c, "DOTNET_ENVIRONMENT"));
            Assert.Equal(environment, Workload.EnvValue(rendered, c, "ASPNETCORE_ENVIRONMENT"));
            Assert.False(string.IsNullOrEmpty(Workload.EnvValue(rendered, c, "Licensing__Cluster__ServiceId")), $"{workload.Description}: no ServiceId");
            Assert.False(string.IsNullOrEmpty(Workload.EnvValue(rendered, c, "Licensing__Cluster__ClusterId")), $"{workload.Description}: no ClusterId");
        }

        // Silos and frontends of one deployment must agree on the Orleans identities.
        Assert.Equal(Workload.EnvValue(rendered, silo.MainContainer, "Licensing__Cluster__ServiceId"), Workload.EnvValue(rendered, frontend.MainContainer, "Licensing__Cluster__ServiceId"));
        Assert.Equal(Workload.EnvValue(rendered, silo.MainContainer, "Licensing__Cluster__ClusterId"), Workload.EnvValue(rendered, frontend.MainContainer, "Licensing__Cluster__ClusterId"));

        var s = silo.MainContainer;
        Assert.Equal("status.podIP", FieldRef(silo, s, "Licensing__Cluster__AdvertisedAddress"));
        Assert.Equal("metadata.name", FieldRef(silo, s, "Licensing__Cluster__SiloName"));
        Assert.Equal("metadata.name", FieldRef(silo, s, "POD_NAME"));
        Assert.Equal("status.podIP", FieldRef(silo, s, "POD_IP"));
        Assert.Equal("metadata.namespace", FieldRef(silo, s, "POD_NAMESPACE"));
        Assert.Equal("true", Workload.EnvValue(rendered, s, "Licensing__Cluster__ListenOnAnyHostAddress"));
        Assert.Equal("/var/run/secrets/licensing/signing/active.pem", Workload.EnvValue(rendered, s, "Licensing__Signing__Keys__0__PrivateKeyFile"));

        var f = frontend.MainContainer;
        Assert.Equal(SiloMode.External, Enum.Parse<SiloMode>(Workload.EnvValue(rendered, f, "Licensing__SiloMode")!));
        Assert.Equal(("licensing-ka", "username"), SecretRef(frontend, f, "Licensing__Ka__Credentials__0__UserName"));
        Assert.Equal(("licensing-ka", "password"), SecretRef(frontend, f, "Licensing__Ka__Credentials__0__Password"));
        Assert.Equal(("licensing-operator", "username"), SecretRef(frontend, f, "Licensing__Operator__Credentials__0__UserName"));
        Assert.Equal(("licensing-operator", "password"), SecretRef(frontend, f, "Licensing__Operator__Credentials__0__Password"));
        Assert.Null(Workload.EnvVar(f, "Licensing__Signing__Keys__0__PrivateKeyFile"));
        Assert.DoesNotContain(frontend.PodSpec["volumes"]!.AsArray(), v => v!["secret"]?["secretName"]?.GetValue<string>() is { } n && BaseName(n) == "licensing-signing");

        // The migration: the silo's binary with `migrate`, and nothing but storage settings.
        var m = migrate.MainContainer;
        Assert.Equal(["migrate"], m["args"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Null(m["command"]);
        Assert.Equal(silo.MainContainer["image"]!.GetValue<string>(), m["image"]!.GetValue<string>());
        Assert.Equal("Never", migrate.PodSpec["restartPolicy"]!.GetValue<string>());
        Assert.Equal("PostgreSql", Workload.EnvValue(rendered, m, "Licensing__Storage__Provider"));
        Assert.Equal(Workload.EnvValue(rendered, s, "Licensing__Storage__ConnectionStringFile"), Workload.EnvValue(rendered, m, "Licensing__Storage__ConnectionStringFile"));
        Assert.All(
            Workload.Env(m).Select(e => e["name"]!.GetValue<string>()).Where(n => n.StartsWith("Licensing__", StringComparison.Ordinal)),
            n => Assert.StartsWith("Licensing__Storage__", n, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Files_named_in_settings_are_mounted_from_the_secret_or_config_map_that_holds_them(string overlay)
    {
        var rendered = await RenderedOverlay.Get(overlay);
        var problems = new List<string>();
        foreach (var workload in rendered.Workloads)
        {
            foreach (var container in workload.Containers)
            {
                foreach (var variable in Workload.Env(container).Where(e => e["name"]!.GetValue<string>().EndsWith("File", StringComparison.Ordinal)))
                {
                    var name = variable["name"]!.GetValue<string>();
                    var path = Workload.EnvValue(rendered, container, name)!;
                    var mount = (container["volumeMounts"]?.AsArray() ?? []).SingleOrDefault(m => m!["mountPath"]!.GetValue<string>() == Path.GetDirectoryName(path));
                    if (mount is null)
                    {
                        problems.Add($"{workload.Description}: {name}={path} is in no mounted directory");
                        continue;
                    }

                    var volume = workload.PodSpec["volumes"]!.AsArray().Single(v => v!["name"]!.GetValue<string>() == mount["name"]!.GetValue<string>())!;
                    var (kind, source) = volume["secret"] is { } secret
                        ? ("Secret", secret["secretName"]!.GetValue<string>())
                        : volume["configMap"] is { } configMap ? ("ConfigMap", configMap["name"]!.GetValue<string>()) : ("", "");
                    var items = volume[kind == "Secret" ? "secret" : "configMap"]?["items"]?.AsArray();
                    var key = items is null
                        ? Path.GetFileName(path)
                        : items.SingleOrDefault(i => i!["path"]!.GetValue<string>() == Path.GetFileName(path))?["key"]?.GetValue<string>();
                    if (kind.Length == 0 || key is null)
                    {
                        problems.Add($"{workload.Description}: {name}={path}: volume {mount["name"]} does not provide {Path.GetFileName(path)}");
                        continue;
                    }

                    // Rendered sources must hold the key; production's Secrets are created by the operator.
                    if ((kind == "ConfigMap" || overlay == "dev") && rendered.Data(kind, source, key) is null)
                    {
                        problems.Add($"{workload.Description}: {name}={path}: {kind} {source} has no key {key}");
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task The_catalog_config_map_is_a_catalog_the_service_accepts(string overlay)
    {
        var rendered = await RenderedOverlay.Get(overlay);
        var name = rendered.OfKind("ConfigMap").Select(RenderedOverlay.Name).Single(n => BaseName(n) == "licensing-catalog");
        var json = rendered.Data("ConfigMap", name, "catalog.json")!;

        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        var catalog = configuration.GetSection(CatalogOptions.Section).Get<CatalogOptions>() ?? new CatalogOptions();
        var result = new CatalogOptionsValidator().Validate(null, catalog);

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.NotEmpty(catalog.Products);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task A_stopping_pod_finishes_within_its_termination_grace_period(string overlay)
    {
        var rendered = await RenderedOverlay.Get(overlay);
        foreach (var workload in new[] { rendered.Workload(Silo), rendered.Workload(Frontend) })
        {
            var container = workload.MainContainer;
            var timeout = TimeSpan.Parse(Workload.EnvValue(rendered, container, "Licensing__ShutdownTimeout")!, CultureInfo.InvariantCulture);
            var drain = TimeSpan.Parse(Workload.EnvValue(rendered, container, "Licensing__ShutdownDrainDelay")!, CultureInfo.InvariantCulture);
            var grace = TimeSpan.FromSeconds(RenderedOverlay.Int(workload.PodSpec["terminationGracePeriodSeconds"]));

            Assert.True(grace > timeout + drain, $"{workload.Description}: terminationGracePeriodSeconds {grace} is not above ShutdownTimeout {timeout} + ShutdownDrainDelay {drain}");
            Assert.True(drain > TimeSpan.Zero, $"{workload.Description}: no drain delay, so endpoints may still route to a stopping pod");
            Assert.Null(container["lifecycle"]?["preStop"]);
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Pods_meet_the_restricted_pod_security_standard_and_never_see_an_api_token(string overlay)
    {
        var rendered = await RenderedOverlay.Get(overlay);
        var problems = new List<string>();
        foreach (var workload in rendered.Workloads)
        {
            var pod = workload.PodSpec;
            Check(pod["automountServiceAccountToken"]?.GetValue<bool>() == false, "automountServiceAccountToken is not false");
            Check(pod["securityContext"]?["runAsNonRoot"]?.GetValue<bool>() == true, "the pod's runAsNonRoot is not true");
            Check(pod["securityContext"]?["runAsUser"]?.GetValue<long>() is > 0, "the pod's runAsUser is not a non-root uid");
            Check(pod["securityContext"]?["seccompProfile"]?["type"]?.GetValue<string>() == "RuntimeDefault", "the pod's seccompProfile is not RuntimeDefault");
            Check(pod["hostNetwork"] is null && pod["hostPID"] is null && pod["hostIPC"] is null, "the pod shares a host namespace");
            var serviceAccount = pod["serviceAccountName"]?.GetValue<string>();
            Check(serviceAccount is not null && rendered.Find("ServiceAccount", serviceAccount)?["automountServiceAccountToken"]?.GetValue<bool>() == false,
                $"the service account {serviceAccount} is not rendered with automountServiceAccountToken: false");
            var tmp = (pod["volumes"]?.AsArray() ?? []).SingleOrDefault(v => v!["emptyDir"] is not null);
            foreach (var container in workload.Containers)
            {
                var at = $"container {container["name"]}";
                var security = container["securityContext"];
                Check(security?["readOnlyRootFilesystem"]?.GetValue<bool>() == true, $"{at}: readOnlyRootFilesystem is not true");
                Check(security?["allowPrivilegeEscalation"]?.GetValue<bool>() == false, $"{at}: allowPrivilegeEscalation is not false");
                Check(security?["privileged"]?.GetValue<bool>() != true, $"{at}: privileged");
                Check(security?["runAsNonRoot"]?.GetValue<bool>() != false, $"{at}: runAsNonRoot is false");
                Check(security?["capabilities"]?["drop"]?.AsArray().Any(c => c!.GetValue<string>() == "ALL") == true, $"{at}: capabilities do not drop ALL");
                Check(security?["capabilities"]?["add"] is null, $"{at}: adds capabilities");
                Check(tmp is not null && (container["volumeMounts"]?.AsArray() ?? []).Any(m => m!["mountPath"]!.GetValue<string>() == "/tmp" && m["name"]!.GetValue<string>() == tmp["name"]!.GetValue<string>()),
                    $"{at}: /tmp is not a writable emptyDir");
            }

            void Check(bool condition, string problem)
            {
                if (!condition)
                {
                    problems.Add($"{workload.Description}: {problem}");
                }
            }
        }

        Assert.Single(rendered.Workloads.Select(w => w.PodSpec["securityContext"]!["runAsUser"]!.GetValue<long>()).Distinct());
        Assert.DoesNotContain(rendered.Objects, o => RenderedOverlay.Kind(o) is "Role" or "RoleBinding" or "ClusterRole" or "ClusterRoleBinding");
        var ns = Assert.Single(rendered.OfKind("Namespace"));
        Assert.Equal("restricted", RenderedOverlay.Labels(ns["metadata"]!["labels"]).GetValueOrDefault("pod-security.kubernetes.io/enforce"));
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Silos_and_frontends_request_cpu_without_a_cpu_limit_and_limit_memory(string overlay)
    {
        var rendered = await RenderedOverlay.Get(overlay);
        foreach (var workload in rendered.Workloads)
        {
            var resources = workload.MainContainer["resources"];
            Assert.True(resources?["requests"]?["cpu"] is not null, $"{workload.Description}: no CPU request");
            Assert.True(resources["requests"]?["memory"] is not null, $"{workload.Description}: no memory request");
            Assert.True(resources["limits"]?["memory"] is not null, $"{workload.Description}: no memory limit");
            Assert.True(resources["limits"]?["cpu"] is null, $"{workload.Description}: a CPU limit throttles the silo's grains and membership probes");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Labels_and_selectors_agree(string overlay)
    {
        var rendered = await RenderedOverlay.Get(overlay);
        var problems = new List<string>();
        var longRunning = rendered.Workloads.Where(w => w.Kind != "Job").ToList();

        foreach (var workload in rendered.Workloads)
        {
            Check(workload.PodLabels.GetValueOrDefault("app.kubernetes.io/name") == "orleans-licensing", workload.Description, "pods lack app.kubernetes.io/name: orleans-licensing");
            Check(workload.Component is Silo or Frontend or Migrate, workload.Description, $"pods' component '{workload.Component}' is not silo, frontend or migrate");
            var labels = RenderedOverlay.Labels(workload.Object["metadata"]!["labels"]);
            Check(labels.GetValueOrDefault("app.kubernetes.io/component") == workload.Component, workload.Description, "the object's component label differs from its pods'");
            if (workload.Kind != "Job")
            {
                Check(RenderedOverlay.Selects(workload.Object["spec"]!["selector"], workload.PodLabels), workload.Description, "the selector does not select its own pods");
                Check(rendered.Workloads.Count(w => RenderedOverlay.Selects(workload.Object["spec"]!["selector"], w.PodLabels)) == 1, workload.Description, "the selector also selects another workload's pods");
            }

            foreach (var spread in workload.PodSpec["topologySpreadConstraints"]?.AsArray() ?? [])
            {
                Check(RenderedOverlay.Selects(spread!["labelSelector"], workload.PodLabels), workload.Description, "a topology spread constraint counts other pods");
            }
        }

        foreach (var service in rendered.OfKind("Service"))
        {
            var selector = new JsonObject { ["matchLabels"] = service["spec"]!["selector"]?.DeepClone() };
            Check(longRunning.Count(w => RenderedOverlay.Selects(selector, w.PodLabels)) == 1, RenderedOverlay.Describe(service), "does not select exactly one workload's pods");
        }

        foreach (var budget in rendered.OfKind("PodDisruptionBudget"))
        {
            Check(longRunning.Count(w => RenderedOverlay.Selects(budget["spec"]!["selector"], w.PodLabels)) == 1, RenderedOverlay.Describe(budget), "does not select exactly one workload's pods");
        }

        foreach (var policy in rendered.OfKind("NetworkPolicy"))
        {
            Check(rendered.Workloads.Any(w => RenderedOverlay.Selects(policy["spec"]!["podSelector"], w.PodLabels)), RenderedOverlay.Describe(policy), "selects no pods");
        }

        foreach (var autoscaler in rendered.OfKind("HorizontalPodAutoscaler"))
        {
            var target = autoscaler["spec"]!["scaleTargetRef"]!;
            var deployment = rendered.Find(target["kind"]!.GetValue<string>(), target["name"]!.GetValue<string>());
            Check(deployment is not null, RenderedOverlay.Describe(autoscaler), $"scales {target["kind"]}/{target["name"]}, which is not rendered");
            Check(deployment?["spec"]?["replicas"] is null, RenderedOverlay.Describe(autoscaler), "its Deployment sets replicas, which every apply would reset under the autoscaler");
        }

        foreach (var ingress in rendered.OfKind("Ingress"))
        {
            foreach (var backend in ingress["spec"]!["rules"]!.AsArray().SelectMany(r => r!["http"]!["paths"]!.AsArray()).Select(p => p!["backend"]!["service"]!))
            {
                var service = rendered.Find("Service", backend["name"]!.GetValue<string>());
                var portName = backend["port"]!["name"]?.GetValue<string>();
                Check(service?["spec"]!["ports"]!.AsArray().Any(p => p!["name"]?.GetValue<string>() == portName) == true, RenderedOverlay.Describe(ingress), $"routes to {backend["name"]}:{portName}, which does not exist");
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));

        void Check(bool condition, string where, string problem)
        {
            if (!condition)
            {
                problems.Add($"{where}: {problem}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Secrets_are_generated_only_for_dev_and_every_reference_resolves(string overlay)
    {
        var rendered = await RenderedOverlay.Get(overlay);
        var references = new List<(string Where, string Kind, string Name, string? Key)>();
        foreach (var workload in rendered.Workloads)
        {
            foreach (var container in workload.Containers)
            {
                foreach (var from in Workload.Env(container).Select(e => e["valueFrom"]).Where(f => f is not null))
                {
                    if (from!["secretKeyRef"] is { } secret)
                    {
                        references.Add((workload.Description, "Secret", secret["name"]!.GetValue<string>(), secret["key"]!.GetValue<string>()));
                    }

                    if (from["configMapKeyRef"] is { } configMap)
                    {
                        references.Add((workload.Description, "ConfigMap", configMap["name"]!.GetValue<string>(), configMap["key"]!.GetValue<string>()));
                    }
                }
            }

            foreach (var volume in workload.PodSpec["volumes"]?.AsArray() ?? [])
            {
                if (volume!["secret"] is { } secret)
                {
                    references.AddRange((secret["items"]?.AsArray() ?? [null]).Select(i => (workload.Description, "Secret", secret["secretName"]!.GetValue<string>(), i?["key"]?.GetValue<string>())));
                }

                if (volume["configMap"] is { } configMap)
                {
                    references.AddRange((configMap["items"]?.AsArray() ?? [null]).Select(i => (workload.Description, "ConfigMap", configMap["name"]!.GetValue<string>(), i?["key"]?.GetValue<string>())));
                }
            }
        }

        foreach (var tls in rendered.OfKind("Ingress").SelectMany(i => i["spec"]!["tls"]?.AsArray() ?? []))
        {
            references.Add(("Ingress", "Secret", tls!["secretName"]!.GetValue<string>(), null));
        }

        var problems = new List<string>();
        foreach (var (where, kind, name, key) in references)
        {
            if (kind == "Secret" && !SecretNames.Contains(BaseName(name)))
            {
                problems.Add($"{where}: Secret {name} is not one docs/operations.md tells the operator to create");
            }

            // Production's Secrets are the operator's (and the TLS certificate comes from outside in dev too).
            var mustBeRendered = kind == "ConfigMap" || (overlay == "dev" && BaseName(name) != "licensing-tls");
            if (mustBeRendered && (rendered.Find(kind, name) is null || (key is not null && rendered.Data(kind, name, key) is null)))
            {
                problems.Add($"{where}: {kind} {name}{(key is null ? "" : $" key {key}")} is not rendered");
            }
        }

        if (overlay == "production")
        {
            Assert.Empty(rendered.OfKind("Secret"));
            Assert.Contains(rendered.OfKind("Ingress"), i => i["spec"]!["tls"]?.AsArray().Count > 0);
        }

        var operations = await File.ReadAllTextAsync(Path.Combine(DeployTools.RepositoryRoot, "docs", "operations.md"));
        problems.AddRange(SecretNames.Where(n => !operations.Contains(n, StringComparison.Ordinal)).Select(n => $"docs/operations.md does not mention the Secret {n}"));
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Each_workload_mounts_its_own_database_credential(string overlay)
    {
        var rendered = await RenderedOverlay.Get(overlay);
        foreach (var (component, secret) in new[] { Migrate, Silo, Frontend }.Zip(DatabaseSecrets))
        {
            var workload = rendered.Workload(component);
            var file = Workload.EnvValue(rendered, workload.MainContainer, "Licensing__Storage__ConnectionStringFile")!;
            var mount = (workload.MainContainer["volumeMounts"]?.AsArray() ?? []).Single(m => file.StartsWith(m!["mountPath"]!.GetValue<string>() + "/", StringComparison.Ordinal))!;
            var volume = workload.PodSpec["volumes"]!.AsArray().Single(v => v!["name"]!.GetValue<string>() == mount["name"]!.GetValue<string>())!;
            var databaseSecrets = workload.PodSpec["volumes"]!.AsArray()
                .Select(v => v!["secret"]?["secretName"]?.GetValue<string>())
                .Where(n => n is not null && BaseName(n).StartsWith("licensing-database", StringComparison.Ordinal))
                .ToList();

            Assert.Equal(secret, BaseName(volume["secret"]!["secretName"]!.GetValue<string>()));
            Assert.Single(databaseSecrets);
        }

        if (overlay == "dev")
        {
            // Three different roles, not one credential under three names.
            var users = DatabaseSecrets
                .Select(n => rendered.OfKind("Secret").Select(RenderedOverlay.Name).Single(s => BaseName(s) == n))
                .Select(n => new Npgsql.NpgsqlConnectionStringBuilder(rendered.Data("Secret", n, "connection-string")).Username)
                .ToList();
            Assert.Equal(["licensing_owner", "licensing_silo", "licensing_frontend"], users);
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Images_carry_a_release_tag_and_the_migration_runs_the_silo_image(string overlay)
    {
        var rendered = await RenderedOverlay.Get(overlay);
        foreach (var workload in rendered.Workloads)
        {
            foreach (var container in workload.Containers)
            {
                var image = container["image"]!.GetValue<string>();
                var tag = image.Contains('@', StringComparison.Ordinal) ? "digest" : image[(image.LastIndexOf('/') + 1)..].Split(':').ElementAtOrDefault(1);
                Assert.True(tag is not null && tag != "latest", $"{workload.Description}: image {image} has no release tag");
            }
        }

        Assert.Equal(rendered.Workload(Silo).MainContainer["image"]!.GetValue<string>(), rendered.Workload(Migrate).MainContainer["image"]!.GetValue<string>());
        Assert.Contains("silo", rendered.Workload(Silo).MainContainer["image"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("frontend", rendered.Workload(Frontend).MainContainer["image"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Rollouts_and_disruptions_keep_capacity(string overlay)
    {
        var rendered = await RenderedOverlay.Get(overlay);
        foreach (var component in new[] { Silo, Frontend })
        {
            var workload = rendered.Workload(component);
            var rolling = workload.Object["spec"]!["strategy"]!["rollingUpdate"]!;
            Assert.Equal("0", RenderedOverlay.Text(rolling["maxUnavailable"]));
            Assert.NotEqual("0", RenderedOverlay.Text(rolling["maxSurge"]));
        }

        var siloBudget = rendered.Find("PodDisruptionBudget", "licensing-silo")!;
        Assert.Equal("1", RenderedOverlay.Text(siloBudget["spec"]!["maxUnavailable"]));
        if (overlay == "production")
        {
            Assert.Equal("1", RenderedOverlay.Text(rendered.Find("PodDisruptionBudget", "licensing-frontend")!["spec"]!["minAvailable"]));
        }
    }

    [Fact]
    public async Task Production_autoscales_up_fast_and_down_slowly()
    {
        var rendered = await RenderedOverlay.Get("production");
        foreach (var (component, minimum) in new[] { (Silo, 3), (Frontend, 2) })
        {
            var autoscaler = rendered.OfKind("HorizontalPodAutoscaler").Single(h => h["spec"]!["scaleTargetRef"]!["name"]!.GetValue<string>() == rendered.Workload(component).Name);
            var spec = autoscaler["spec"]!;
            Assert.Equal("autoscaling/v2", autoscaler["apiVersion"]!.GetValue<string>());
            Assert.True(RenderedOverlay.Int(spec["minReplicas"]) >= minimum, $"{component}: fewer than {minimum} replicas");
            Assert.True(RenderedOverlay.Int(spec["maxReplicas"]) > RenderedOverlay.Int(spec["minReplicas"]));
            var cpu = Assert.Single(spec["metrics"]!.AsArray(), m => m!["resource"]?["name"]?.GetValue<string>() == "cpu")!;
            Assert.Equal("Utilization", cpu["resource"]!["target"]!["type"]!.GetValue<string>());

            var up = spec["behavior"]!["scaleUp"]!;
            var down = spec["behavior"]!["scaleDown"]!;
            Assert.True(RenderedOverlay.Int(down["stabilizationWindowSeconds"]) >= 300, $"{component}: scale-down stabilization under 5 minutes");
            Assert.True(RenderedOverlay.Int(down["stabilizationWindowSeconds"]) > RenderedOverlay.Int(up["stabilizationWindowSeconds"]));
            Assert.True(PodsPerMinute(down, Math.Min) < PodsPerMinute(up, Math.Max), $"{component}: scales down as fast as up");
        }

        // Pods a policy list may add or remove per minute (Percent policies counted on the minimum replica count).
        double PodsPerMinute(JsonNode direction, Func<double, double, double> select) =>
            direction["policies"]!.AsArray()
                .Select(p => (p!["type"]!.GetValue<string>() == "Pods" ? p["value"]!.GetValue<double>() : p["value"]!.GetValue<double>() / 100 * 3) * 60 / p["periodSeconds"]!.GetValue<double>())
                .Aggregate(select);
    }

    [Fact]
    public async Task The_ingress_routes_ka_the_jwks_and_the_revocation_document_over_tls_and_not_health_or_metrics()
    {
        var rendered = await RenderedOverlay.Get("production");
        var paths = rendered.OfKind("Ingress")
            .SelectMany(i => i["spec"]!["rules"]!.AsArray())
            .SelectMany(r => r!["http"]!["paths"]!.AsArray())
            .Select(p => p!["path"]!.GetValue<string>())
            .ToList();

        Assert.Contains(new KaOptions().Path, paths);
        Assert.Contains("/.well-known/jwks.json", paths);
        Assert.Contains("/.well-known/revocations.jws", paths);
        Assert.Contains(OperationsPaths.Dashboard, paths);
        Assert.DoesNotContain(paths, p => p == "/" || p.StartsWith("/health", StringComparison.Ordinal) || p == OperationsPaths.Metrics);
        Assert.All(rendered.OfKind("Ingress"), i => Assert.NotEmpty(i["spec"]!["tls"]!.AsArray()));
    }

    private static string? FieldRef(Workload workload, JsonObject container, string name) =>
        Workload.EnvVar(container, name)?["valueFrom"]?["fieldRef"]?["fieldPath"]?.GetValue<string>();

    private static (string Name, string Key)? SecretRef(Workload workload, JsonObject container, string name) =>
        Workload.EnvVar(container, name)?["valueFrom"]?["secretKeyRef"] is { } secret
            ? (BaseName(secret["name"]!.GetValue<string>()), secret["key"]!.GetValue<string>())
            : null;

    /// <summary>A generated object's name without kustomize's content hash (licensing-ka-5c9cbd97h8 → licensing-ka).</summary>
    private static string BaseName(string name) => GeneratedSuffix().Replace(name, "");

    private static int UrlsPort(string? urls) =>
        new Uri((urls ?? throw new InvalidOperationException("no Urls")).Replace("+", "localhost", StringComparison.Ordinal)).Port;

    [GeneratedRegex("-[bcdfghkmt2-9]{10}$")]
    private static partial Regex GeneratedSuffix();
}
