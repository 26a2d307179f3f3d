using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Orleans.Licensing.IntegrationTests.Deploy;

/// <summary>One overlay as kubectl kustomize renders it, parsed (through the validator's JSON) for the checks.</summary>
internal sealed class RenderedOverlay
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<RenderedOverlay>>> Cache = new(StringComparer.Ordinal);

    private RenderedOverlay(string name, IReadOnlyList<JsonObject> objects)
    {
        OverlayName = name;
        Objects = objects;
    }

    public string OverlayName { get; }

    public IReadOnlyList<JsonObject> Objects { get; }

    /// <summary>Deployments, StatefulSets and Jobs: everything that runs pods.</summary>
    public IEnumerable<Workload> Workloads =>
        Objects.Where(o => Kind(o) is "Deployment" or "StatefulSet" or "Job").Select(o => new Workload(o));

    public Workload Workload(string component) =>
        Workloads.SingleOrDefault(w => w.Component == component)
        ?? throw new InvalidOperationException($"{OverlayName}: no workload with app.kubernetes.io/component={component}");

    /// <summary>Renders and validates the overlay once per test run; every check reads the same objects.</summary>
    public static Task<RenderedOverlay> Get(string overlay) =>
        Cache.GetOrAdd(overlay, name => new Lazy<Task<RenderedOverlay>>(() => Render(name))).Value;

    private static async Task<RenderedOverlay> Render(string overlay)
    {
        var yaml = await DeployTools.Kustomize(overlay);
        var validation = await DeployTools.Validate(yaml);
        if (validation.ExitCode != 0)
        {
            throw new InvalidOperationException($"overlays/{overlay} does not validate:\n{validation.Stderr}");
        }

        var objects = JsonNode.Parse(validation.Stdout)?.AsArray().Select(node => node!.AsObject()).ToList()
            ?? throw new InvalidOperationException("the validator printed no JSON");
        return new RenderedOverlay(overlay, objects);
    }

    public IEnumerable<JsonObject> OfKind(string kind) => Objects.Where(o => Kind(o) == kind);

    public JsonObject? Find(string kind, string name) => OfKind(kind).SingleOrDefault(o => Name(o) == name);

    /// <summary>A ConfigMap's value, or a Secret's decoded value; null when the object or key is not rendered.</summary>
    public string? Data(string kind, string name, string key)
    {
        var value = Find(kind, name)?["data"]?[key]?.GetValue<string>();
        if (value is null || kind != "Secret")
        {
            return value;
        }

        return Encoding.UTF8.GetString(Convert.FromBase64String(value.Replace("\n", "", StringComparison.Ordinal)));
    }

    public static string Kind(JsonNode node) => node["kind"]!.GetValue<string>();

    public static string Name(JsonNode node) => node["metadata"]!["name"]!.GetValue<string>();

    public static string Describe(JsonNode node) => $"{Kind(node)}/{Name(node)}";

    public static IReadOnlyDictionary<string, string> Labels(JsonNode? node) =>
        node?.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal)
        ?? new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Whether a LabelSelector (matchLabels and matchExpressions) selects these labels.</summary>
    public static bool Selects(JsonNode? selector, IReadOnlyDictionary<string, string> labels)
    {
        if (selector is null)
        {
            return false;
        }

        foreach (var (key, value) in Labels(selector["matchLabels"]))
        {
            if (!labels.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }

        foreach (var expression in selector["matchExpressions"]?.AsArray() ?? [])
        {
            var key = expression!["key"]!.GetValue<string>();
            var values = expression["values"]?.AsArray().Select(v => v!.GetValue<string>()).ToHashSet(StringComparer.Ordinal) ?? [];
            var has = labels.TryGetValue(key, out var actual);
            var matches = expression["operator"]!.GetValue<string>() switch
            {
                "In" => has && values.Contains(actual!),
                "NotIn" => !has || !values.Contains(actual!),
                "Exists" => has,
                "DoesNotExist" => !has,
                var op => throw new InvalidOperationException($"unknown selector operator {op}"),
            };
            if (!matches)
            {
                return false;
            }
        }

        return true;
    }

    public static int Int(JsonNode? node) => node!.GetValue<int>();

    public static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue value when value.TryGetValue<int>(out var number) => number.ToString(CultureInfo.InvariantCulture),
        _ => node.GetValue<string>(),
    };
}

/// <summary>A Deployment, StatefulSet or Job and its pod template.</summary>
internal sealed class Workload(JsonObject obj)
{
    public JsonObject Object { get; } = obj;

    public string Kind => RenderedOverlay.Kind(Object);

    public string Name => RenderedOverlay.Name(Object);

    public string Description => RenderedOverlay.Describe(Object);

    public string Component => PodLabels.GetValueOrDefault("app.kubernetes.io/component", "");

    public JsonObject PodSpec => Object["spec"]!["template"]!["spec"]!.AsObject();

    public IReadOnlyDictionary<string, string> PodLabels => RenderedOverlay.Labels(Object["spec"]!["template"]!["metadata"]?["labels"]);

    public IReadOnlyDictionary<string, string> PodAnnotations => RenderedOverlay.Labels(Object["spec"]!["template"]!["metadata"]?["annotations"]);

    public IEnumerable<JsonObject> Containers =>
        (PodSpec["initContainers"]?.AsArray() ?? []).Concat(PodSpec["containers"]!.AsArray()).Select(c => c!.AsObject());

    public JsonObject MainContainer => PodSpec["containers"]!.AsArray()[0]!.AsObject();

    /// <summary>The container's ports by name.</summary>
    public static IReadOnlyDictionary<string, int> Ports(JsonObject container) =>
        (container["ports"]?.AsArray() ?? []).ToDictionary(
            p => p!["name"]?.GetValue<string>() ?? RenderedOverlay.Text(p!["containerPort"]),
            p => RenderedOverlay.Int(p!["containerPort"]),
            StringComparer.Ordinal);

    /// <summary>A probe's or Service's port, named or numbered, as a number.</summary>
    public int ResolvePort(JsonObject container, JsonNode port) =>
        port.GetValueKind() == System.Text.Json.JsonValueKind.Number
            ? port.GetValue<int>()
            : Ports(container).TryGetValue(port.GetValue<string>(), out var number)
                ? number
                : throw new InvalidOperationException($"{Description}: no container port named {port}");

    public static IEnumerable<JsonObject> Env(JsonObject container) =>
        (container["env"]?.AsArray() ?? []).Select(e => e!.AsObject());

    public static JsonObject? EnvVar(JsonObject container, string name) =>
        Env(container).SingleOrDefault(e => e["name"]!.GetValue<string>() == name);

    /// <summary>An environment variable's value: literal, or read from a rendered ConfigMap or Secret; null when unknown (a field reference, or a Secret not rendered).</summary>
    public static string? EnvValue(RenderedOverlay overlay, JsonObject container, string name)
    {
        var variable = EnvVar(container, name);
        if (variable is null)
        {
            return null;
        }

        if (variable["value"] is { } value)
        {
            return value.GetValue<string>();
        }

        var from = variable["valueFrom"];
        if (from?["configMapKeyRef"] is { } configMap)
        {
            return overlay.Data("ConfigMap", configMap["name"]!.GetValue<string>(), configMap["key"]!.GetValue<string>());
        }

        if (from?["secretKeyRef"] is { } secret)
        {
            return overlay.Data("Secret", secret["name"]!.GetValue<string>(), secret["key"]!.GetValue<string>());
        }

        return null;
    }
}
