namespace DevTools.Engine.Catalog.Apis;

/// <summary>Which front end of API Gateway a route belongs to: they differ in events, matching and error answers.</summary>
public enum ApiKind
{
    /// <summary>A REST API (<c>Type: Api</c>, <c>AWS::Serverless::Api</c>): payload 1.0.</summary>
    Rest,
    /// <summary>An HTTP API (<c>Type: HttpApi</c>, <c>AWS::Serverless::HttpApi</c>): payload 2.0 unless a route says 1.0.</summary>
    Http,
}
