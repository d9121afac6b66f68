using System.Globalization;

namespace DevTools.Engine.Catalog;

/// <summary>
/// Reads one function resource into a <see cref="FunctionDraft"/>: Globals merged (SAM functions only),
/// intrinsics resolved per property, SAM defaults applied. Type problems are reported here; range and
/// naming rules are <see cref="TemplateValidator"/>'s.
/// </summary>
internal sealed class FunctionReader(TemplateContext template, IntrinsicResolver resolver, TemplateLayers layers, DiagnosticList diagnostics)
{
    public const string ServerlessFunctionType = "AWS::Serverless::Function";
    public const string LambdaFunctionType = "AWS::Lambda::Function";

    /// <returns>The function, or null when its resource <c>Condition</c> is false (CloudFormation would not create it).</returns>
    public FunctionDraft? Read(MapEntry resource, MapValue definition, bool isServerless, MapValue? globals)
    {
        if (!ConditionAllowsCreation(resource.Key, definition))
            return null;

        var properties = new MapValue([], resource.KeyLocation);
        if (definition.Find("Properties") is { } propertiesEntry)
        {
            if (propertiesEntry.Value is MapValue map)
                properties = map;
            else
                diagnostics.Error(DiagnosticCodes.InvalidTemplateStructure, "'Properties' must be a map.", propertiesEntry.Value.Location, resource.Key);
        }
        if (isServerless && globals is not null)
            properties = GlobalsMerger.Merge(globals, properties);

        return new Reading(resource, properties, isServerless, template, resolver, layers, diagnostics).Read();
    }

    private bool ConditionAllowsCreation(string id, MapValue definition)
    {
        if (definition.Find("Condition") is not { } condition)
            return true;
        if (condition.Value is not ScalarValue name)
        {
            diagnostics.Error(DiagnosticCodes.InvalidTemplateStructure, "A resource's Condition must be a condition name.", condition.Value.Location, id);
            return true;
        }
        if (resolver.Conditions.EvaluateNamed(name.Text, name.Location, id) != false)
            return true;
        diagnostics.Information(DiagnosticCodes.FunctionSkippedByCondition,
            $"Function '{id}' is not created: its condition '{name.Text}' is false with the current parameters.", name.Location, id);
        return false;
    }

    /// <summary>The state of reading one function: where its properties were and which ones stayed unresolved.</summary>
    private sealed class Reading(MapEntry resource, MapValue properties, bool isServerless, TemplateContext template, IntrinsicResolver resolver,
        TemplateLayers layers, DiagnosticList diagnostics)
    {
        private readonly string id = resource.Key;
        private readonly Dictionary<string, SourceLocation> locations = new(StringComparer.Ordinal);
        private readonly Dictionary<string, SourceLocation> environmentKeys = new(StringComparer.Ordinal);
        private readonly HashSet<string> unresolved = new(StringComparer.Ordinal);
        private readonly HashSet<string> invalid = new(StringComparer.Ordinal);

        public FunctionDraft Read()
        {
            if (String("PackageType") == "Image")
            {
                diagnostics.Error(DiagnosticCodes.ImagePackageNotSupported,
                    "Container image functions (PackageType: Image) are not supported locally; use a zip function with a Runtime and code directory.",
                    locations["PackageType"], id);
                // Image functions have no Runtime or Handler; saying so again would only repeat this error.
                invalid.UnionWith(["Runtime", "Handler"]);
            }
            var runtime = String("Runtime");
            var handler = String("Handler");
            var functionName = String("FunctionName");
            var memory = Integer("MemorySize") ?? LambdaLimits.DefaultMemoryMb;
            var timeout = Integer("Timeout") ?? LambdaLimits.DefaultTimeoutSeconds;
            var storage = EphemeralStorage() ?? LambdaLimits.DefaultEphemeralStorageMb;
            var reserved = Integer("ReservedConcurrentExecutions");
            var environment = Environment();
            var (architecture, architectureCount) = Architectures();
            var codeDirectory = CodeDirectory();
            var functionLayers = Layers(runtime, architecture);

            var configuration = new FunctionConfiguration
            {
                LogicalId = id,
                FunctionName = functionName is null || unresolved.Contains("FunctionName") ? id : functionName,
                Runtime = runtime is null || unresolved.Contains("Runtime") ? "" : runtime,
                Handler = handler ?? "",
                CodeDirectory = codeDirectory,
                MemorySizeMb = memory,
                TimeoutSeconds = timeout,
                EphemeralStorageMb = storage,
                Environment = environment,
                Layers = functionLayers,
                ReservedConcurrentExecutions = reserved,
                Architecture = architecture,
                Location = resource.KeyLocation,
            };
            return new FunctionDraft(configuration, locations, environmentKeys, unresolved, invalid, architectureCount);
        }

        /// <summary>Resolves a property and records where it was written; null when absent or <c>AWS::NoValue</c>.</summary>
        private TemplateValue? Property(string path, TemplateValue? raw)
        {
            if (raw is null)
                return null;
            locations[path] = raw.Location;
            var resolved = resolver.Resolve(raw, id);
            if (resolved is null)
            {
                locations.Remove(path); // AWS::NoValue removes the property
                return null;
            }
            if (resolved is UnresolvedValue)
                unresolved.Add(path);
            return resolved;
        }

        private string? String(string name) => AsString(name, Property(name, properties[name]));

        private int? Integer(string name) => AsInteger(name, Property(name, properties[name]));

        private string? AsString(string path, TemplateValue? value)
        {
            switch (value)
            {
                case null or ScalarValue { IsNull: true }:
                    return null;
                case ScalarValue scalar:
                    return scalar.Text;
                case UnresolvedValue placeholder:
                    return placeholder.Placeholder;
                default:
                    WrongType(path, $"{path} must be a string.", value.Location);
                    return null;
            }
        }

        /// <summary>The integer, or null for the default (absent, unresolvable — already warned — or wrong type).</summary>
        private int? AsInteger(string path, TemplateValue? value)
        {
            switch (value)
            {
                case null or ScalarValue { IsNull: true } or UnresolvedValue:
                    return null;
                case ScalarValue scalar when int.TryParse(scalar.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number):
                    return number;
                case ScalarValue scalar:
                    WrongType(path, $"{path} must be an integer, not '{scalar.Text}'.", scalar.Location);
                    return null;
                default:
                    WrongType(path, $"{path} must be an integer.", value.Location);
                    return null;
            }
        }

        private void WrongType(string path, string message, SourceLocation at)
        {
            invalid.Add(path);
            diagnostics.Error(DiagnosticCodes.InvalidPropertyType, message, at, id);
        }

        private int? EphemeralStorage()
        {
            switch (Property("EphemeralStorage", properties["EphemeralStorage"]))
            {
                case null or UnresolvedValue:
                    return null;
                case MapValue map when map.Find("Size") is { } size:
                    locations[FunctionDraft.EphemeralStorageSizePath] = size.Value.Location;
                    return AsInteger(FunctionDraft.EphemeralStorageSizePath, size.Value);
                case MapValue:
                    return null;
                case var other:
                    diagnostics.Error(DiagnosticCodes.InvalidPropertyType, "EphemeralStorage must be a map with a Size.", other.Location, id);
                    return null;
            }
        }

        private Dictionary<string, string> Environment()
        {
            var variables = new Dictionary<string, string>(StringComparer.Ordinal);
            var environment = Property("Environment", properties["Environment"]);
            if (environment is null or UnresolvedValue)
                return variables;
            if (environment is not MapValue map)
            {
                diagnostics.Error(DiagnosticCodes.InvalidPropertyType, "Environment must be a map with a 'Variables' map.", environment.Location, id);
                return variables;
            }
            if (map.Find("Variables") is not { } entry)
                return variables;

            locations[FunctionDraft.EnvironmentVariablesPath] = entry.Value.Location;
            if (entry.Value is UnresolvedValue or ScalarValue { IsNull: true })
                return variables;
            if (entry.Value is not MapValue variableMap)
            {
                diagnostics.Error(DiagnosticCodes.InvalidPropertyType, "Environment.Variables must be a map of names to strings.", entry.Value.Location, id);
                return variables;
            }
            foreach (var variable in variableMap.Entries)
            {
                // Lambda stores strings only; YAML numbers and booleans are their text, null is empty.
                var text = variable.Value switch
                {
                    ScalarValue { IsNull: true } => "",
                    ScalarValue scalar => scalar.Text,
                    UnresolvedValue placeholder => placeholder.Placeholder,
                    _ => null,
                };
                if (text is null)
                {
                    diagnostics.Error(DiagnosticCodes.InvalidPropertyType, $"Environment variable '{variable.Key}' must be a string.", variable.Value.Location, id);
                    continue;
                }
                variables[variable.Key] = text;
                environmentKeys[variable.Key] = variable.KeyLocation;
            }
            return variables;
        }

        private (string Architecture, int? Count) Architectures()
        {
            const string defaultArchitecture = "x86_64";
            switch (Property("Architectures", properties["Architectures"]))
            {
                case null or UnresolvedValue:
                    return (defaultArchitecture, null);
                case ListValue list:
                    return list.Items.FirstOrDefault() is ScalarValue first ? (first.Text, list.Items.Count) : (defaultArchitecture, list.Items.Count);
                case var other:
                    diagnostics.Error(DiagnosticCodes.InvalidPropertyType, "Architectures must be a list with one item (x86_64 or arm64).", other.Location, id);
                    return (defaultArchitecture, null);
            }
        }

        /// <summary>
        /// <c>Layers</c>: each a <c>!Ref</c> to a layer of the template (read as the layer itself, not its deployed ARN) or a
        /// layer-version ARN, which runs only when <c>--layer-map</c> gives its folder.
        /// </summary>
        private IReadOnlyList<LayerConfiguration> Layers(string? runtime, string architecture)
        {
            var raw = properties["Layers"];
            if (raw is null)
                return [];
            locations["Layers"] = raw.Location;
            if ((raw as ListValue ?? resolver.Resolve(raw, id)) is not ListValue list)
            {
                WrongType("Layers", "Layers must be a list of layer ARNs or !Ref to layers of this template.", raw.Location);
                return [];
            }
            if (list.Items.Count > LambdaLimits.MaxLayers)
                diagnostics.Error(DiagnosticCodes.TooManyLayers, $"A function can use at most {LambdaLimits.MaxLayers} layers; this one lists {list.Items.Count}.",
                    list.Items[LambdaLimits.MaxLayers].Location, id);

            var found = new List<LayerConfiguration>();
            foreach (var item in list.Items)
            {
                if (item is IntrinsicValue { Function: "Ref", Argument: ScalarValue { Text: var name } } && layers.Declares(name))
                {
                    if (layers.InTemplate(name) is { } local) // else: the layer itself was warned about
                    {
                        found.Add(local);
                        WarnWhenIncompatible(local, runtime, architecture, item.Location);
                    }
                    continue;
                }
                switch (resolver.Resolve(item, id))
                {
                    case ScalarValue { IsNull: false } arn when arn.Text.StartsWith("arn:", StringComparison.Ordinal) && arn.Text.Contains(":layer:", StringComparison.Ordinal):
                        if (layers.Mapped(arn.Text) is { } mapped)
                            found.Add(mapped);
                        else
                            diagnostics.Warning(DiagnosticCodes.LayerNotLocal,
                                $"Layer {arn.Text} is not in the template; the function runs without it. Give its folder with --layer-map {arn.Text}=DIR.", item.Location, id);
                        break;
                    case UnresolvedValue placeholder:
                        diagnostics.Warning(DiagnosticCodes.LayerNotLocal, $"Layer '{placeholder.Placeholder}' can't be resolved locally; the function runs without it.", item.Location, id);
                        break;
                    case null:
                        break;
                    default:
                        diagnostics.Error(DiagnosticCodes.InvalidLayer, "A layer is a layer-version ARN or a !Ref to an AWS::Serverless::LayerVersion or AWS::Lambda::LayerVersion of this template.", item.Location, id);
                        break;
                }
            }
            return found;
        }

        /// <summary>Lambda does not refuse a layer whose compatible runtimes or architectures leave the function out (they
        /// only filter listings), but the layer may not work: say so where the function names it.</summary>
        private void WarnWhenIncompatible(LayerConfiguration layer, string? runtime, string architecture, SourceLocation location)
        {
            if (runtime is not null && layer.CompatibleRuntimes.Count > 0 && !layer.CompatibleRuntimes.Contains(runtime))
                diagnostics.Warning(DiagnosticCodes.LayerIncompatible,
                    $"Layer '{layer.Name}' lists CompatibleRuntimes [{string.Join(", ", layer.CompatibleRuntimes)}], not {runtime}.", location, id);
            if (layer.CompatibleArchitectures.Count > 0 && !layer.CompatibleArchitectures.Contains(architecture))
                diagnostics.Warning(DiagnosticCodes.LayerIncompatible,
                    $"Layer '{layer.Name}' lists CompatibleArchitectures [{string.Join(", ", layer.CompatibleArchitectures)}], not {architecture}.", location, id);
        }

        private string CodeDirectory()
        {
            var property = isServerless ? "CodeUri" : "Code";
            if (isServerless && properties.Find("InlineCode") is { } inline)
            {
                diagnostics.Warning(DiagnosticCodes.CodeNotLocal, "InlineCode is not supported locally; the template's folder is used as the code directory.", inline.Value.Location, id);
                return template.Directory;
            }

            var raw = properties[property];
            if (raw is null)
            {
                if (isServerless)
                    return template.Directory; // SAM's default CodeUri is the template's folder
                diagnostics.Error(DiagnosticCodes.MissingCode, "AWS::Lambda::Function needs Code: a local directory path (as 'aws cloudformation package' takes).", resource.KeyLocation, id);
                return template.Directory;
            }

            switch (Property(property, raw))
            {
                case ScalarValue { IsNull: false } path when path.Text.StartsWith("s3://", StringComparison.OrdinalIgnoreCase):
                    diagnostics.Warning(DiagnosticCodes.CodeNotLocal, $"{property} '{path.Text}' is in S3; the template's folder is used as the code directory.", raw.Location, id);
                    return template.Directory;
                case ScalarValue { IsNull: false } path:
                    return LocalDirectory(property, path.Text, raw.Location);
                case MapValue:
                    diagnostics.Warning(DiagnosticCodes.CodeNotLocal, $"{property} is an S3 location or inline code, not a local directory; the template's folder is used as the code directory.", raw.Location, id);
                    return template.Directory;
                case UnresolvedValue:
                    diagnostics.Error(DiagnosticCodes.CodeDirectoryNotFound, $"{property} can't be resolved locally, so there is no code directory.", raw.Location, id);
                    return template.Directory;
                case null or ScalarValue:
                    return template.Directory;
                case var other:
                    diagnostics.Error(DiagnosticCodes.InvalidPropertyType, $"{property} must be a path.", other.Location, id);
                    return template.Directory;
            }
        }

        private string LocalDirectory(string property, string relative, SourceLocation at)
        {
            string path;
            try
            {
                path = Path.GetFullPath(Path.Combine(template.Directory, relative));
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
            {
                diagnostics.Error(DiagnosticCodes.CodeDirectoryNotFound, $"{property} '{relative}' is not a valid path.", at, id);
                return template.Directory;
            }
            path = Path.TrimEndingDirectorySeparator(path);
            if (Directory.Exists(path))
                return path;
            diagnostics.Error(DiagnosticCodes.CodeDirectoryNotFound, File.Exists(path)
                ? $"{property} '{relative}' is a file; only a code directory can run locally (unzip it, or point at the build folder)."
                : $"{property} '{relative}' does not exist (looked for {path}).", at, id);
            return path;
        }
    }
}
