using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using Payments.ServiceDefaults;

namespace Payments.DeployTests.Support;

/// <summary>
/// The <c>OTEL_*</c> environment variables the telemetry code can read: every such name among the string literals
/// and constants of Payments.ServiceDefaults (which reads some itself) and of the OpenTelemetry SDK and OTLP exporter
/// assemblies it loads — taken from the compiled code, so a misspelt or unsupported variable has no match.
/// </summary>
internal static partial class OtelVariables
{
    private static readonly Lazy<IReadOnlySet<string>> Names = new(Scan);

    public static IReadOnlySet<string> Known => Names.Value;

    private static HashSet<string> Scan()
    {
        var serviceDefaults = typeof(ServiceDefaultsExtensions).Assembly;
        var assemblies = new List<Assembly> { serviceDefaults };
        assemblies.AddRange(serviceDefaults.GetReferencedAssemblies()
            .Where(name => name.Name?.StartsWith("OpenTelemetry", StringComparison.Ordinal) == true)
            .Select(Assembly.Load));
        // The OTLP exporter's own references (OpenTelemetry.dll, which reads OTEL_RESOURCE_ATTRIBUTES and OTEL_SERVICE_NAME).
        assemblies.AddRange(assemblies.ToList().SelectMany(a => a.GetReferencedAssemblies())
            .Where(name => name.Name?.StartsWith("OpenTelemetry", StringComparison.Ordinal) == true)
            .Select(Assembly.Load));

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var assembly in assemblies.Distinct())
        {
            using var stream = File.OpenRead(assembly.Location);
            using var pe = new PEReader(stream);
            var metadata = pe.GetMetadataReader();
            for (var handle = MetadataTokens.UserStringHandle(1); !handle.IsNil; handle = metadata.GetNextHandle(handle))
            {
                Add(metadata.GetUserString(handle));
            }

            foreach (var constant in metadata.FieldDefinitions.Select(f => metadata.GetFieldDefinition(f).GetDefaultValue()).Where(c => !c.IsNil))
            {
                var value = metadata.GetConstant(constant);
                if (value.TypeCode == ConstantTypeCode.String)
                {
                    Add(metadata.GetBlobReader(value.Value).ReadUTF16(metadata.GetBlobReader(value.Value).Length));
                }
            }
        }

        return names;

        void Add(string text)
        {
            if (Name().IsMatch(text))
            {
                names.Add(text);
            }
        }
    }

    [GeneratedRegex("^OTEL_[A-Z0-9_]+$")]
    private static partial Regex Name();
}
