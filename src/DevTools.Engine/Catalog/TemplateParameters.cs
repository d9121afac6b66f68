using System.Globalization;

namespace DevTools.Engine.Catalog;

/// <summary>
/// The template's <c>Parameters</c> with their effective values: an override from
/// <c>--parameter-overrides</c> replaces the <c>Default</c>, as in <c>sam local</c>.
/// </summary>
internal sealed class TemplateParameters
{
    private const string SsmTypePrefix = "AWS::SSM::Parameter::Value<";

    private sealed record Parameter(string Name, string Type, string? Value, bool Overridden);

    private readonly Dictionary<string, Parameter> parameters;

    private TemplateParameters(Dictionary<string, Parameter> parameters) => this.parameters = parameters;

    public static TemplateParameters Read(MapEntry? section, IReadOnlyDictionary<string, string> overrides, string file, DiagnosticList diagnostics)
    {
        var result = new Dictionary<string, Parameter>(StringComparer.Ordinal);
        if (section is not null && section.Value is not (MapValue or ScalarValue { IsNull: true }))
            diagnostics.Error(DiagnosticCodes.InvalidTemplateStructure, "'Parameters' must be a map of parameter names to declarations.", section.Value.Location);

        foreach (var entry in (section?.Value as MapValue)?.Entries ?? [])
        {
            if (entry.Value is not MapValue declaration)
            {
                diagnostics.Error(DiagnosticCodes.InvalidTemplateStructure, $"Parameter '{entry.Key}' must be a map with at least a 'Type'.", entry.Value.Location);
                continue;
            }
            var type = (declaration["Type"] as ScalarValue)?.Text ?? "String";
            var overridden = overrides.TryGetValue(entry.Key, out var value);
            var defaultNode = declaration.Find("Default");
            if (!overridden && defaultNode is not null)
                value = DefaultText(entry.Key, defaultNode.Value, diagnostics);

            var parameter = new Parameter(entry.Key, type, value, overridden);
            result[entry.Key] = parameter;
            if (value is not null)
                CheckAllowed(parameter, declaration, overridden ? entry.KeyLocation : defaultNode!.Value.Location, diagnostics);
        }

        foreach (var name in overrides.Keys.Where(n => !result.ContainsKey(n)))
        {
            diagnostics.Information(DiagnosticCodes.UnknownParameterOverride,
                $"Parameter override '{name}' is ignored: the template declares no such parameter.",
                section?.KeyLocation ?? new SourceLocation(file, 1, 1));
        }
        return new TemplateParameters(result);
    }

    public bool IsDeclared(string name) => parameters.ContainsKey(name);

    /// <summary>The effective value; null when the parameter has neither a default nor an override.</summary>
    public string? ValueOf(string name) => parameters.TryGetValue(name, out var p) ? p.Value : null;

    /// <summary>List types resolve to a list for <c>Ref</c> (CommaDelimitedList, <c>List&lt;...&gt;</c>).</summary>
    public bool IsList(string name) =>
        parameters.TryGetValue(name, out var p) &&
        (p.Type == "CommaDelimitedList" || p.Type.StartsWith("List<", StringComparison.Ordinal));

    /// <summary>An SSM-typed parameter's default is the name of an SSM parameter, whose value only AWS has.</summary>
    public bool NeedsSsm(string name) =>
        parameters.TryGetValue(name, out var p) && !p.Overridden && p.Type.StartsWith(SsmTypePrefix, StringComparison.Ordinal);

    private static string? DefaultText(string name, TemplateValue value, DiagnosticList diagnostics)
    {
        switch (value)
        {
            case ScalarValue scalar:
                return scalar.Text;
            case ListValue list when list.Items.All(i => i is ScalarValue):
                return string.Join(",", list.Items.Cast<ScalarValue>().Select(s => s.Text));
            default:
                diagnostics.Error(DiagnosticCodes.InvalidTemplateStructure, $"The Default of parameter '{name}' must be a literal value.", value.Location);
                return null;
        }
    }

    private static void CheckAllowed(Parameter parameter, MapValue declaration, SourceLocation at, DiagnosticList diagnostics)
    {
        if (parameter.Type == "Number" && !double.TryParse(parameter.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            diagnostics.Warning(DiagnosticCodes.ParameterValueNotAllowed, $"Parameter '{parameter.Name}' is a Number but its value is '{parameter.Value}'.", at);
            return;
        }
        if (declaration["AllowedValues"] is ListValue allowed)
        {
            var values = allowed.Items.OfType<ScalarValue>().Select(s => s.Text).ToList();
            if (!values.Contains(parameter.Value!, StringComparer.Ordinal))
            {
                diagnostics.Warning(DiagnosticCodes.ParameterValueNotAllowed,
                    $"Parameter '{parameter.Name}' is '{parameter.Value}', which is not one of its AllowedValues ({string.Join(", ", values)}).", at);
            }
        }
    }
}
