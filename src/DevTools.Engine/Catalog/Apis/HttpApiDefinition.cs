namespace DevTools.Engine.Catalog.Apis;

/// <summary>
/// One API of the template: an explicit <c>AWS::Serverless::Api</c> / <c>AWS::Serverless::HttpApi</c>, or SAM's implicit
/// <c>ServerlessRestApi</c> / <c>ServerlessHttpApi</c> that function events without an API id create.
/// </summary>
public sealed record HttpApiDefinition
{
    public const string ImplicitRestApi = "ServerlessRestApi";
    public const string ImplicitHttpApi = "ServerlessHttpApi";

    public required string LogicalId { get; init; }
    public required ApiKind Kind { get; init; }

    /// <summary>REST: the template's <c>StageName</c> (implicit API: <c>Prod</c>); HTTP: <c>$default</c> unless named.</summary>
    public required string StageName { get; init; }

    public IReadOnlyDictionary<string, string> StageVariables { get; init; } = new Dictionary<string, string>();
    public CorsConfiguration? Cors { get; init; }

    /// <summary>REST only: media types whose bodies travel base64 (<c>image/png</c>, <c>*/*</c>; SAM's <c>~1</c> already decoded).</summary>
    public IReadOnlyList<string> BinaryMediaTypes { get; init; } = [];

    public IReadOnlyList<LambdaAuthorizerDefinition> Authorizers { get; init; } = [];

    /// <summary>The authorizer routes use unless they name one (or <c>NONE</c>).</summary>
    public string? DefaultAuthorizer { get; init; }

    /// <summary>Authorizers that are not Lambda authorizers (Cognito, JWT, IAM), by name: not emulated, requests pass.</summary>
    public IReadOnlyList<string> UnemulatedAuthorizers { get; init; } = [];

    public List<ApiRoute> Routes { get; init; } = [];

    /// <summary>The id of the API as API Gateway would show it (ten characters, stable for the logical id).</summary>
    public string ApiId => ApiIds.For(LogicalId);
}
