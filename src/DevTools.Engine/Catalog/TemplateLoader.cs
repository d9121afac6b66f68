using DevTools.Protocol.Workspace;

namespace DevTools.Engine.Catalog;

/// <summary>
/// Turns a SAM template into a <see cref="FunctionCatalog"/>. Nothing a user can write makes it throw:
/// every problem becomes a <see cref="TemplateDiagnostic"/> at the exact line and column.
/// </summary>
public static class TemplateLoader
{
    /// <summary>
    /// Loads the template file, or the one a folder stands for (<see cref="TemplateLocator.Resolve"/>; an empty path
    /// means the current folder).
    /// </summary>
    public static FunctionCatalog Load(string templatePath, TemplateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string path;
        try
        {
            path = Path.GetFullPath(string.IsNullOrWhiteSpace(templatePath) ? "." : templatePath);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return Failed(templatePath ?? "", DiagnosticCodes.TemplateNotFound, $"'{templatePath}' is not a valid path.");
        }

        if (Directory.Exists(path))
        {
            var inFolder = TemplateLocator.FindIn(path);
            if (inFolder is null)
                return Failed(path, DiagnosticCodes.TemplateNotFound, $"The folder has no {string.Join(" or ", TemplateLocator.SourceNames)}.");
            path = inFolder;
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Failed(path, DiagnosticCodes.TemplateNotFound, "The template file does not exist.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return Failed(path, DiagnosticCodes.TemplateUnreadable, $"The template file can't be read: {e.Message}");
        }
        return LoadFromText(path, text, options);
    }

    /// <summary>Loads template text that may not be saved yet (an editor buffer); <paramref name="templatePath"/> anchors relative paths and positions.</summary>
    public static FunctionCatalog LoadFromText(string templatePath, string text, TemplateOptions options)
    {
        ArgumentNullException.ThrowIfNull(templatePath);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(options);
        var diagnostics = new DiagnosticList();
        try
        {
            templatePath = Path.GetFullPath(templatePath);
            var (functions, apis) = Read(templatePath, text, options, diagnostics);
            return new FunctionCatalog(templatePath, functions, InReadingOrder(templatePath, diagnostics.Items), apis);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug here must not take the engine down with it: report it like any other finding.
            diagnostics.Error(DiagnosticCodes.LoaderFailure, $"The template could not be loaded ({e.GetType().Name}: {e.Message}).", new SourceLocation(templatePath, 1, 1));
            return new FunctionCatalog(templatePath, [], diagnostics.Items);
        }
    }

    private static (IReadOnlyList<FunctionConfiguration>, Apis.ApiCatalog) Read(string file, string text, TemplateOptions options, DiagnosticList diagnostics)
    {
        if (YamlTemplateReader.Read(file, text, diagnostics) is not { } root)
            return ([], Apis.ApiCatalog.Empty);
        if (root is not MapValue template)
        {
            diagnostics.Error(DiagnosticCodes.InvalidTemplateStructure, "A template must be a map with a 'Resources' section.", root.Location);
            return ([], Apis.ApiCatalog.Empty);
        }

        SamBuildTemplateNotes.Describe(file, diagnostics);
        var parameters = TemplateParameters.Read(template.Find("Parameters"), options.ParameterOverrides, file, diagnostics);
        var resources = Section(template, "Resources", diagnostics);
        var globals = Section(template, "Globals", diagnostics);
        var context = new TemplateContext(
            file,
            Path.GetDirectoryName(file) ?? Directory.GetCurrentDirectory(),
            parameters,
            new PseudoParameters(options),
            Section(template, "Mappings", diagnostics),
            Section(template, "Conditions", diagnostics),
            (resources?.Entries.Select(e => e.Key) ?? []).ToHashSet(StringComparer.Ordinal));
        var resolver = new IntrinsicResolver(context, diagnostics);

        var functionGlobals = globals?.Find("Function");
        if (functionGlobals is not null && functionGlobals.Value is not MapValue)
            diagnostics.Error(DiagnosticCodes.InvalidTemplateStructure, "'Globals.Function' must be a map of properties.", functionGlobals.Value.Location);

        var layers = LayerReader.Read(resources, context, resolver, options, diagnostics);
        var drafts = ReadFunctions(resources, functionGlobals?.Value as MapValue, new FunctionReader(context, resolver, layers, diagnostics), diagnostics);
        TemplateValidator.Validate(drafts, diagnostics);

        if (drafts.Count == 0)
        {
            diagnostics.Warning(DiagnosticCodes.NoFunctions, $"The template declares no {FunctionReader.ServerlessFunctionType} or {FunctionReader.LambdaFunctionType}.",
                template.Find("Resources")?.KeyLocation ?? root.Location);
        }

        IReadOnlyList<FunctionConfiguration> functions = Build.BuildOutputs.Apply(file, drafts.Select(d => d.Configuration).ToList(), diagnostics);
        if (options.EnvVarsFile is { } envVarsPath && EnvVarsFile.Load(envVarsPath, diagnostics) is { } envVars)
            functions = envVars.Apply(functions, diagnostics);
        var apis = new Apis.ApiReader(resolver, diagnostics, functions).Read(resources, globals);
        return (functions, apis);
    }

    private static List<FunctionDraft> ReadFunctions(MapValue? resources, MapValue? globals, FunctionReader reader, DiagnosticList diagnostics)
    {
        var drafts = new List<FunctionDraft>();
        foreach (var resource in resources?.Entries ?? [])
        {
            if (resource.Value is not MapValue definition)
            {
                diagnostics.Error(DiagnosticCodes.InvalidTemplateStructure, $"Resource '{resource.Key}' must be a map with a 'Type'.", resource.Value.Location);
                continue;
            }
            if (definition["Type"] is not ScalarValue { IsNull: false } type)
            {
                diagnostics.Error(DiagnosticCodes.InvalidTemplateStructure, $"Resource '{resource.Key}' has no Type.", definition.Find("Type")?.Value.Location ?? resource.KeyLocation);
                continue;
            }
            var isServerless = type.Text == FunctionReader.ServerlessFunctionType;
            if ((isServerless || type.Text == FunctionReader.LambdaFunctionType) && reader.Read(resource, definition, isServerless, globals) is { } draft)
                drafts.Add(draft);
        }
        return drafts;
    }

    private static MapValue? Section(MapValue template, string name, DiagnosticList diagnostics)
    {
        var entry = template.Find(name);
        if (entry is null || entry.Value is ScalarValue { IsNull: true })
            return null;
        if (entry.Value is MapValue map)
            return map;
        diagnostics.Error(DiagnosticCodes.InvalidTemplateStructure, $"'{name}' must be a map.", entry.Value.Location);
        return null;
    }

    /// <summary>Template findings top to bottom (as an editor or compiler lists them), then the env-vars file's.</summary>
    private static List<TemplateDiagnostic> InReadingOrder(string templatePath, IReadOnlyList<TemplateDiagnostic> diagnostics) =>
        diagnostics.OrderBy(d => d.Location.File == templatePath ? 0 : 1)
            .ThenBy(d => d.Location.Line)
            .ThenBy(d => d.Location.Column)
            .ToList();

    private static FunctionCatalog Failed(string path, string code, string message) =>
        new(path, [], [new TemplateDiagnostic(DiagnosticSeverity.Error, code, message, new SourceLocation(path, 1, 1))]);
}
