using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using DevTools.Protocol.Lsp;
using DevTools.Protocol.Transport;

namespace DevTools.Protocol.TypeScript;

/// <summary>
/// The C# contract as TypeScript, by reflection. Every plain class of the <c>DevTools.Protocol</c> namespace becomes an
/// interface with the members and names System.Text.Json writes on the wire (<see cref="ProtocolJson"/>'s options);
/// every static class of constants (method names, error codes, <see cref="InvocationTypes"/>) a <c>const</c> object.
/// A string member whose summary points at a class of string constants (<c>&lt;see cref="InvocationTypes"/&gt;</c>)
/// is typed as the union of its values.
/// </summary>
public static class TypeScriptProtocol
{
    /// <summary>Contract types outside the root namespace: the commands the backend's CodeLenses carry (LSP's own types come from vscode-languageclient).</summary>
    private static readonly Type[] AlsoGenerated = [typeof(LspCommands)];

    private static readonly HashSet<Type> Numbers =
        [typeof(byte), typeof(short), typeof(int), typeof(long), typeof(ushort), typeof(uint), typeof(ulong), typeof(float), typeof(double), typeof(decimal)];

    public static string Generate() => new Writer().Write();

    private sealed class Writer
    {
        private readonly JsonSerializerOptions options = ProtocolJson.CreateSerializerOptions();
        private readonly Type[] constants;
        private readonly Type[] contracts;
        private readonly DocComments docs;
        private readonly HashSet<Type> unions;
        private readonly List<string> lines = [];

        public Writer()
        {
            options.TypeInfoResolver = new DefaultJsonTypeInfoResolver();
            var assembly = typeof(InvokeParams).Assembly;
            var types = assembly.GetExportedTypes().Where(t => t.Namespace == typeof(InvokeParams).Namespace).Concat(AlsoGenerated).ToList();
            constants = [.. types.Where(IsConstants).OrderBy(t => t.Name, StringComparer.Ordinal)];
            contracts = [.. types.Where(IsContract).OrderBy(t => t.Name, StringComparer.Ordinal)];
            docs = new DocComments(assembly, LinkTarget);
            unions = [.. contracts.SelectMany(Members).Select(p => UnionOf(p.Member)).OfType<Type>()];
        }

        public string Write()
        {
            lines.Add("// Generated from the C# contract (src/DevTools.Protocol) by src/DevTools.Protocol.TypeScript: do not edit.");
            lines.Add($"// Regenerate with `{GeneratedProtocolFile.RegenerateCommand}`; tests/DevTools.Protocol.Tests fails while it is stale.");
            foreach (var type in constants) WriteConstants(type);
            foreach (var type in contracts) WriteInterface(type);
            return string.Join("\n", lines) + "\n";
        }

        private void WriteConstants(Type type)
        {
            lines.Add("");
            lines.AddRange(docs.Comment(DocComments.IdOf(type), ""));
            lines.Add($"export const {type.Name} = {{");
            foreach (var field in LiteralFields(type))
            {
                lines.AddRange(docs.Comment(DocComments.IdOf(field), "  "));
                lines.Add($"  {CamelCase(field.Name)}: {Literal(field.GetRawConstantValue()!)},");
            }
            lines.Add("} as const;");
            if (!unions.Contains(type)) return;
            lines.Add("");
            lines.Add($"/** One of {{@link {type.Name}}}. */");
            lines.Add($"export type {UnionName(type)} = {string.Join(" | ", LiteralFields(type).Select(f => Literal(f.GetRawConstantValue()!)))};");
        }

        private void WriteInterface(Type type)
        {
            lines.Add("");
            lines.AddRange(docs.Comment(DocComments.IdOf(type), ""));
            lines.Add($"export interface {type.Name} {{");
            foreach (var (property, member) in Members(type))
            {
                // Absent when null (the wire leaves nulls out). A member of params left out is read as its default,
                // so value-typed ones (flags, counts) are optional there too.
                var optional = property.IsGetNullable || (type.Name.EndsWith("Params", StringComparison.Ordinal) && property.PropertyType.IsValueType);
                lines.AddRange(docs.Comment(DocComments.IdOf(member), "  "));
                lines.Add($"  {property.Name}{(optional ? "?" : "")}: {TypeOf(property.PropertyType, UnionOf(member) is { } union ? UnionName(union) : null)};");
            }
            lines.Add("}");
        }

        private string TypeOf(Type type, string? union)
        {
            if (Nullable.GetUnderlyingType(type) is { } underlying) return TypeOf(underlying, union);
            if (type == typeof(string)) return union ?? "string";
            if (type == typeof(bool)) return "boolean";
            if (Numbers.Contains(type)) return "number";
            if (type == typeof(DateTimeOffset) || type == typeof(DateTime)) return "string";
            // The contract's free-form JSON members are objects (an event's Telemetry API record).
            if (type == typeof(JsonElement)) return "Record<string, unknown>";
            if (contracts.Contains(type)) return type.Name;
            if (GenericArgument(type, typeof(IDictionary<,>), 1) is { } value) return $"Record<string, {TypeOf(value, null)}>";
            if ((type.IsArray ? type.GetElementType() : GenericArgument(type, typeof(IEnumerable<>), 0)) is { } element)
                return TypeOf(element, null) is var item && item.Contains('|') ? $"({item})[]" : $"{item}[]";
            throw new NotSupportedException($"{type} has no TypeScript type: map it in {nameof(TypeScriptProtocol)}.{nameof(TypeOf)}.");
        }

        /// <summary>The members as the wire has them, with the C# member each comes from.</summary>
        private IEnumerable<(JsonPropertyInfo Property, MemberInfo Member)> Members(Type type) =>
            options.GetTypeInfo(type).Properties.Select(p => (p, (MemberInfo)p.AttributeProvider!));

        /// <summary>The class of string constants a string member takes its values from: the one its summary points at.</summary>
        private Type? UnionOf(MemberInfo member) =>
            (member as PropertyInfo)?.PropertyType is { } type && (Nullable.GetUnderlyingType(type) ?? type) == typeof(string)
                ? docs.TypeReferences(DocComments.IdOf(member)).Select(TypeOfCref).FirstOrDefault(IsStringConstants)
                : null;

        private bool IsStringConstants(Type? type) => type is not null && constants.Contains(type) && LiteralFields(type).All(f => f.FieldType == typeof(string));

        /// <summary>What a cref stands for in the generated file: <c>InvokeParams</c>, <c>InvokeResponse.logTail</c>; null when not generated.</summary>
        private string? LinkTarget(string cref)
        {
            if (TypeOfCref(cref) is { } type) return type.Name;
            var dot = cref.LastIndexOf('.');
            return dot > 2 && TypeOfCref("T:" + cref[2..dot]) is { } declaring ? $"{declaring.Name}.{WireName(declaring, cref[(dot + 1)..])}" : null;
        }

        private Type? TypeOfCref(string cref) =>
            cref.StartsWith("T:", StringComparison.Ordinal) ? constants.Concat(contracts).FirstOrDefault(t => t.FullName == cref[2..]) : null;

        private string WireName(Type type, string member) =>
            contracts.Contains(type)
                ? Members(type).FirstOrDefault(m => m.Member.Name == member).Property?.Name ?? CamelCase(member)
                : CamelCase(member);

        private string CamelCase(string name) => options.PropertyNamingPolicy!.ConvertName(name);
    }

    /// <summary>A static class of constants: method names, error codes, the values of a string member.</summary>
    private static bool IsConstants(Type type) => type is { IsClass: true, IsAbstract: true, IsSealed: true } && LiteralFields(type).Any();

    /// <summary>A plain data class (no base class: not an exception, an attribute or a transport type).</summary>
    private static bool IsContract(Type type) => type is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false } && type.BaseType == typeof(object);

    private static IEnumerable<FieldInfo> LiteralFields(Type type) => type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral);

    /// <summary><c>InvocationType</c> for <c>InvocationTypes</c>, <c>BuildStatus</c> for <c>BuildStatuses</c>.</summary>
    private static string UnionName(Type type) => type.Name switch
    {
        var name when name.EndsWith("ses", StringComparison.Ordinal) => name[..^2],
        var name when name.EndsWith('s') => name[..^1],
        var name => name + "Value",
    };

    private static string Literal(object value) => value switch
    {
        string text => "'" + text.Replace("\\", "\\\\").Replace("'", "\\'") + "'",
        bool flag => flag ? "true" : "false",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => throw new NotSupportedException($"A constant of type {value.GetType()} has no TypeScript literal."),
    };

    private static Type? GenericArgument(Type type, Type genericInterface, int index) =>
        type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == genericInterface)?.GetGenericArguments()[index];
}
