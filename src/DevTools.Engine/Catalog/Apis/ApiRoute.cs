namespace DevTools.Engine.Catalog.Apis;

/// <summary>
/// One route: a method (or <c>ANY</c>) and a resource path template (<c>/users/{id}</c>, <c>/{proxy+}</c>), or the HTTP
/// API's <c>$default</c> route, integrated with a function of the template.
/// </summary>
public sealed record ApiRoute
{
    public const string DefaultRouteKey = "$default";
    public const string AnyMethod = "ANY";

    /// <summary>Upper-case verb or <c>ANY</c>.</summary>
    public required string Method { get; init; }

    /// <summary>The resource path template, starting with <c>/</c>; <c>$default</c> for the catch-all route.</summary>
    public required string Path { get; init; }

    /// <summary>The logical id of the function it invokes.</summary>
    public required string FunctionId { get; init; }

    /// <summary><c>1.0</c> or <c>2.0</c>.</summary>
    public required string PayloadFormatVersion { get; init; }

    /// <summary>The authorizer's name in its API's <c>Auth.Authorizers</c>; null for none (or the API's default).</summary>
    public string? Authorizer { get; init; }

    /// <summary>The integration's own timeout (<c>TimeoutInMillis</c>); null for the API's maximum.</summary>
    public int? TimeoutMs { get; init; }

    public required SourceLocation Location { get; init; }

    public bool IsDefault => Path == DefaultRouteKey;

    /// <summary>API Gateway's route key: <c>GET /users/{id}</c>, or <c>$default</c>.</summary>
    public string RouteKey => IsDefault ? DefaultRouteKey : $"{Method} {Path}";
}
