using System.Collections;
using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using Orleans.Licensing.Catalog;
using Orleans.Licensing.Frontend.Hosting;
using Orleans.Licensing.Hosting;
using Orleans.Licensing.Licenses;
using Orleans.Licensing.Storage;

namespace Orleans.Licensing.IntegrationTests.Deploy;

/// <summary>
/// Whether a configuration key (<c>Licensing:Cluster:AdvertisedAddress</c>, from the environment variable
/// <c>Licensing__Cluster__AdvertisedAddress</c>) is one the service really reads. A key is read when either
/// <list type="bullet">
/// <item>it is a property path of an options class bound to its section: every class of the service's assemblies
/// with a <c>const string Section</c> (<see cref="LicensingClusterOptions.Section"/>, <c>KaOptions.Section</c>, …), walked
/// by reflection through lists (<c>Credentials:0:UserName</c>) and dictionaries, ending on a value its setting
/// converts to; or</item>
/// <item>the code reads the key by its full name (<c>configuration.GetValue("Licensing:ShutdownTimeout", …)</c>):
/// the exact string is a literal in one of the compiled assemblies.</item>
/// </list>
/// </summary>
internal static class ConfigurationKeys
{
    private static readonly Lazy<IReadOnlyList<(string Section, Type Type)>> OptionsSections = new(FindOptionsSections);
    private static readonly Lazy<IReadOnlySet<string>> Literals = new(FindLiterals);

    /// <summary>The service's assemblies: Abstractions, Grains, Storage, Hosting and Frontend are loaded; the Silo is read from its build output.</summary>
    private static Assembly[] LoadedAssemblies =>
        [typeof(CatalogOptions).Assembly, typeof(LicenseOptions).Assembly, typeof(SchemaMigrator).Assembly, typeof(LicensingClusterOptions).Assembly, typeof(FrontendApp).Assembly];

    /// <summary>The environment variable's configuration key: <c>__</c> is <c>:</c>.</summary>
    public static string FromEnvironmentVariable(string name) => name.Replace("__", ":", StringComparison.Ordinal);

    /// <summary>Null when the key is read by the service (and the value, if known, converts); otherwise why not.</summary>
    public static string? Problem(string key, string? value)
    {
        string? closest = null;
        foreach (var (section, type) in OptionsSections.Value
            .Where(s => key.StartsWith(s.Section + ":", StringComparison.Ordinal))
            .OrderByDescending(s => s.Section.Length))
        {
            var problem = Walk(type, key[(section.Length + 1)..].Split(':'), value);
            if (problem is null)
            {
                return null;
            }

            // The most specific section's complaint is the useful one (KaOptions', not LicensingOptions').
            closest ??= $"{type.Name} ({section}): {problem}";
        }

        return Literals.Value.Contains(key)
            ? null
            : $"{closest ?? "no options class binds its section"}; and no code reads it by name";
    }

    /// <summary>Whether the key is bound to an options property (rather than read by name).</summary>
    public static bool IsOptionsProperty(string key) =>
        OptionsSections.Value.Any(s => key.StartsWith(s.Section + ":", StringComparison.Ordinal)
            && Walk(s.Type, key[(s.Section.Length + 1)..].Split(':'), null) is null);

    private static string? Walk(Type type, string[] path, string? value)
    {
        foreach (var segment in path)
        {
            if (DictionaryValueType(type) is { } valueType)
            {
                type = valueType;
                continue;
            }

            if (ListElementType(type) is { } elementType)
            {
                if (!int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                {
                    return $"'{segment}' is not a list index of {type.Name}";
                }

                type = elementType;
                continue;
            }

            // The configuration binder matches names case-insensitively; the manifests spell them as the code does.
            var property = type.GetProperty(segment, BindingFlags.Public | BindingFlags.Instance);
            if (property is null)
            {
                return $"{type.Name} has no property {segment}";
            }

            type = property.PropertyType;
        }

        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type != typeof(string) && !type.IsPrimitive && !type.IsEnum && type != typeof(TimeSpan) && type != typeof(decimal) && type != typeof(Uri))
        {
            return $"it names a {type.Name}, not a value";
        }

        if (value is not null)
        {
            try
            {
                TypeDescriptor.GetConverter(type).ConvertFromInvariantString(value);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or NotSupportedException or OverflowException)
            {
                return $"'{value}' is not a {type.Name}";
            }
        }

        return null;
    }

    private static Type? DictionaryValueType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() is var definition
            && (definition == typeof(Dictionary<,>) || definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>))
            ? type.GetGenericArguments()[1]
            : null;

    private static Type? ListElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        return type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) && type.IsGenericType
            ? type.GetGenericArguments()[0]
            : null;
    }

    private static List<(string Section, Type Type)> FindOptionsSections() =>
        LoadedAssemblies
            .SelectMany(a => a.GetTypes())
            .Select(t => (Type: t, Field: t.GetField("Section", BindingFlags.Public | BindingFlags.Static)))
            .Where(s => s.Field is { IsLiteral: true } && s.Field.FieldType == typeof(string))
            .Select(s => ((string)s.Field!.GetRawConstantValue()!, s.Type))
            .ToList();

    private static HashSet<string> FindLiterals()
    {
        var files = LoadedAssemblies.Select(a => a.Location).Append(SiloAssemblyPath());
        var literals = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            using var stream = File.OpenRead(file);
            using var pe = new PEReader(stream);
            var reader = pe.GetMetadataReader();
            if (reader.GetHeapSize(HeapIndex.UserString) <= 1)
            {
                continue;
            }

            for (var handle = MetadataTokens.UserStringHandle(1); !handle.IsNil; handle = reader.GetNextHandle(handle))
            {
                literals.Add(reader.GetUserString(handle));
            }
        }

        return literals;
    }

    /// <summary>The silo host, built beside this test assembly's configuration (tests/IntegrationTests/bin/Debug/net10.0 → src/Silo/bin/Debug/net10.0).</summary>
    public static string SiloAssemblyPath()
    {
        var tfmDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = tfmDirectory.Parent!.Name;
        var path = Path.Combine(DeployTools.RepositoryRoot, "src", "Silo", "bin", configuration, tfmDirectory.Name, "Orleans.Licensing.Silo.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("build src/Silo first", path);
    }
}
