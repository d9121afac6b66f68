namespace DevTools.PowerShell;

/// <summary>One route of the template's APIs, or a function's URL, as Get-LocalApiRoute shows it.</summary>
public sealed class LocalApiRoute
{
    /// <summary>An HTTP verb or <c>ANY</c>.</summary>
    public string Method { get; init; } = "";

    /// <summary>The resource path (<c>/items/{id}</c>), or <c>/*</c> for a <c>$default</c> route or a function URL.</summary>
    public string Path { get; init; } = "";

    /// <summary>Where the backend serves it (path variables left in); null when the backend does not serve the API.</summary>
    public string? Url { get; init; }

    /// <summary>The logical id of the function it invokes.</summary>
    public string FunctionId { get; init; } = "";

    /// <summary>The API's logical id (<c>ServerlessRestApi</c> for SAM's implicit one); for a function URL, the function's id followed by <c>Url</c>.</summary>
    public string Api { get; init; } = "";

    /// <summary><c>REST</c>, <c>HTTP</c> or <c>URL</c>.</summary>
    public string Kind { get; init; } = "";

    public string PayloadFormatVersion { get; init; } = "";

    /// <summary>API Gateway's route key: <c>GET /items/{id}</c> or <c>$default</c>.</summary>
    public string RouteKey { get; init; } = "";

    public string TemplatePath { get; init; } = "";

    public override string ToString() => $"{Method} {Path}";
}
