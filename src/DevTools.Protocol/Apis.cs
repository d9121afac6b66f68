namespace DevTools.Protocol;

/// <summary>The result of <c>lambda/api/routes</c>: the template's HTTP routes and function URLs.</summary>
public sealed class ApiRoutesResult
{
    /// <summary>True when this backend serves them (<c>serve --api-port</c>); then every route has its URL.</summary>
    public bool Serving { get; set; }

    public List<ApiRouteDescription> Routes { get; set; } = [];
}

/// <summary>One route of an API, or a function's URL.</summary>
public sealed class ApiRouteDescription
{
    /// <summary>An HTTP verb or <c>ANY</c>.</summary>
    public string Method { get; set; } = "";

    /// <summary>The resource path (<c>/users/{id}</c>), or <c>/*</c> for a <c>$default</c> route or a function URL.</summary>
    public string Path { get; set; } = "";

    /// <summary>Where to call it (a path template's variables left in); null when the backend does not serve the API.</summary>
    public string? Url { get; set; }

    /// <summary>The logical id of the function it invokes.</summary>
    public string FunctionId { get; set; } = "";

    /// <summary>The API's logical id (<c>ServerlessRestApi</c> for SAM's implicit one), or <c>FnUrl</c> for a function URL.</summary>
    public string Api { get; set; } = "";

    /// <summary><c>REST</c>, <c>HTTP</c> or <c>URL</c>.</summary>
    public string Kind { get; set; } = "";

    public string PayloadFormatVersion { get; set; } = "";

    /// <summary>API Gateway's route key: <c>GET /users/{id}</c> or <c>$default</c>.</summary>
    public string RouteKey { get; set; } = "";
}
