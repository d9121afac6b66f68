namespace DevTools.Engine.Catalog;

/// <summary>What the user passes alongside a template, with the meaning <c>sam local</c> gives these flags.</summary>
public sealed record TemplateOptions
{
    /// <summary><c>--parameter-overrides Key=Value</c>: replaces the template parameters' defaults.</summary>
    public IReadOnlyDictionary<string, string> ParameterOverrides { get; init; } = new Dictionary<string, string>();

    /// <summary><c>--env-vars env.json</c> in SAM's format; null when not given.</summary>
    public string? EnvVarsFile { get; init; }

    /// <summary><c>--layer-map ARN=DIR</c>: the local folder of a layer the template names by ARN (SAM would download it).</summary>
    public IReadOnlyDictionary<string, string> LayerMap { get; init; } = new Dictionary<string, string>();

    public string Region { get; init; } = LambdaLimits.DefaultRegion;
    public string AccountId { get; init; } = LambdaLimits.DefaultAccountId;
}
