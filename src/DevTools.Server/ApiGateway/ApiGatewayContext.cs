using DevTools.Engine;
using DevTools.Engine.Catalog.Apis;

namespace DevTools.Server.ApiGateway;

/// <summary>What an event needs beyond the request: the API (or function URL) it came through, and the account and region.</summary>
internal sealed record ApiGatewayContext(EngineOptions Options)
{
    public string DomainName(HttpApiDefinition api) => $"{api.ApiId}.execute-api.{Options.Region}.amazonaws.com";

    public string UrlDomainName(FunctionUrlDefinition url) => $"{url.UrlId}.lambda-url.{Options.Region}.on.aws";

    /// <summary>The ARN an authorizer is asked about: <c>arn:aws:execute-api:region:account:apiId/stage/METHOD/path</c>.</summary>
    public string MethodArn(HttpApiDefinition api, string method, string path) =>
        $"arn:aws:execute-api:{Options.Region}:{Options.AccountId}:{api.ApiId}/{api.StageName}/{method}/{path.TrimStart('/')}";

    /// <summary>API Gateway's request time: <c>dd/MMM/yyyy:HH:mm:ss +0000</c>.</summary>
    public static string ClfTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("dd/MMM/yyyy:HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + " +0000";
}
