namespace DevTools.Engine.Catalog.Apis;

/// <summary>
/// A Lambda authorizer of an API (<c>Auth.Authorizers.NAME</c> with a <c>FunctionArn</c> of a template function). Cognito,
/// JWT and IAM authorizers are not emulated: requests pass (the API says so at start).
/// </summary>
public sealed record LambdaAuthorizerDefinition
{
    public required string Name { get; init; }

    /// <summary>The logical id of the authorizer function.</summary>
    public required string FunctionId { get; init; }

    /// <summary><c>TOKEN</c> or <c>REQUEST</c> (REST); HTTP APIs only have <c>REQUEST</c>.</summary>
    public required string Type { get; init; }

    /// <summary>For a TOKEN authorizer: the header holding the token (default <c>Authorization</c>).</summary>
    public string TokenHeader { get; init; } = "Authorization";

    /// <summary>For a TOKEN authorizer: a regular expression the token must match, else 401 without invoking the authorizer.</summary>
    public string? ValidationExpression { get; init; }

    /// <summary>Identity sources of a REQUEST authorizer: header and query-string names that must be present (else 401).</summary>
    public IReadOnlyList<string> IdentityHeaders { get; init; } = [];
    public IReadOnlyList<string> IdentityQueryStrings { get; init; } = [];

    /// <summary>HTTP API: the authorizer's payload format (<c>1.0</c> or <c>2.0</c>).</summary>
    public string PayloadFormatVersion { get; init; } = "1.0";

    /// <summary>HTTP API 2.0: the authorizer answers <c>{isAuthorized, context}</c> instead of an IAM policy.</summary>
    public bool SimpleResponses { get; init; }
}
