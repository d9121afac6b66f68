namespace DevTools.Engine.Catalog.Apis;

/// <summary>A function's URL (<c>FunctionUrlConfig</c>): every path and method reach the function, with payload 2.0.</summary>
public sealed record FunctionUrlDefinition
{
    public required string FunctionId { get; init; }

    /// <summary><c>NONE</c> or <c>AWS_IAM</c> (SigV4 is not checked locally).</summary>
    public required string AuthType { get; init; }
    public CorsConfiguration? Cors { get; init; }

    /// <summary><c>BUFFERED</c> or <c>RESPONSE_STREAM</c>.</summary>
    public string InvokeMode { get; init; } = "BUFFERED";

    /// <summary>The URL id (the host's first label on AWS), stable for the function.</summary>
    public string UrlId => ApiIds.For(FunctionId, 32);
}
