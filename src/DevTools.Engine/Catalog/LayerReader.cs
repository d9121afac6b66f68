namespace DevTools.Engine.Catalog;

/// <summary>
/// The template's layers (<c>AWS::Serverless::LayerVersion</c> with <c>ContentUri</c>, <c>AWS::Lambda::LayerVersion</c> with
/// <c>Content</c>) as local folders, by logical id, the way <c>sam local</c> reads them: a path relative to the template;
/// a layer stored in S3 is skipped with a warning.
/// </summary>
internal static class LayerReader
{
    public const string ServerlessLayerType = "AWS::Serverless::LayerVersion";
    public const string LambdaLayerType = "AWS::Lambda::LayerVersion";

    public static TemplateLayers Read(MapValue? resources, TemplateContext template, IntrinsicResolver resolver, TemplateOptions options, DiagnosticList diagnostics)
    {
        var layers = new Dictionary<string, LayerConfiguration?>(StringComparer.Ordinal);
        foreach (var resource in resources?.Entries ?? [])
        {
            if (resource.Value is not MapValue definition || definition["Type"] is not ScalarValue { Text: ServerlessLayerType or LambdaLayerType } type)
                continue;
            var property = type.Text == ServerlessLayerType ? "ContentUri" : "Content";
            var properties = definition["Properties"] as MapValue;
            var raw = properties?[property];
            var content = raw is null ? null : resolver.Resolve(raw, resource.Key);
            switch (content)
            {
                case ScalarValue { IsNull: false } path when !path.Text.StartsWith("s3://", StringComparison.OrdinalIgnoreCase):
                    var directory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(Path.Combine(template.Directory, path.Text)));
                    if (!Directory.Exists(directory))
                        diagnostics.Error(DiagnosticCodes.CodeDirectoryNotFound, $"{property} '{path.Text}' of layer '{resource.Key}' does not exist (looked for {directory}).", raw!.Location, resource.Key);
                    layers[resource.Key] = new LayerConfiguration(resource.Key, directory)
                    {
                        CompatibleRuntimes = Names(properties?["CompatibleRuntimes"], resolver, resource.Key),
                        CompatibleArchitectures = Names(properties?["CompatibleArchitectures"], resolver, resource.Key),
                    };
                    break;
                default:
                    diagnostics.Warning(DiagnosticCodes.CodeNotLocal, $"Layer '{resource.Key}' has no local {property} (a path relative to the template); functions run without it.",
                        raw?.Location ?? resource.KeyLocation, resource.Key);
                    layers[resource.Key] = null;
                    break;
            }
        }
        return new TemplateLayers(layers, options.LayerMap);
    }

    private static IReadOnlyList<string> Names(TemplateValue? raw, IntrinsicResolver resolver, string logicalId) =>
        raw is null || resolver.Resolve(raw, logicalId) is not ListValue list
            ? []
            : [.. list.Items.Select(item => resolver.Resolve(item, logicalId)).OfType<ScalarValue>().Where(v => !v.IsNull).Select(v => v.Text)];
}

/// <summary>The layers a function may name: the template's, by logical id (null: declared but not local), and ARNs mapped to folders.</summary>
internal sealed class TemplateLayers(IReadOnlyDictionary<string, LayerConfiguration?> inTemplate, IReadOnlyDictionary<string, string> mappedArns)
{
    public bool Declares(string logicalId) => inTemplate.ContainsKey(logicalId);

    public LayerConfiguration? InTemplate(string logicalId) => inTemplate.GetValueOrDefault(logicalId);

    public LayerConfiguration? Mapped(string arn) =>
        mappedArns.TryGetValue(arn, out var directory) ? new LayerConfiguration(arn, Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory))) : null;
}
