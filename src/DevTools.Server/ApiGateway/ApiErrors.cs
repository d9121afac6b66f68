using DevTools.Engine.Catalog.Apis;

namespace DevTools.Server.ApiGateway;

/// <summary>API Gateway's and function URLs' own answers when the integration does not give one, per front end.</summary>
internal static class ApiErrors
{
    /// <summary>Where a request came in, for its error answers.</summary>
    public enum Front { Rest, Http, FunctionUrl }

    public static Front Of(ApiKind kind) => kind == ApiKind.Rest ? Front.Rest : Front.Http;

    public static ApiAnswer NoRoute(bool httpApi) => httpApi
        ? ApiAnswer.Message(404, "Not Found")
        : ApiAnswer.Message(403, "Missing Authentication Token", "MissingAuthenticationTokenException");

    /// <summary>The function failed, answered something that is not a proxy response, or could not be invoked.</summary>
    public static ApiAnswer IntegrationFailed(Front front) => front switch
    {
        Front.Rest => ApiAnswer.Message(502, "Internal server error", "InternalServerErrorException"),
        Front.Http => ApiAnswer.Message(500, "Internal Server Error"),
        _ => ApiAnswer.Message(502, "Internal Server Error"),
    };

    /// <summary>The integration's time ran out (REST 29 s, HTTP API 30 s, or the route's <c>TimeoutInMillis</c>).</summary>
    public static ApiAnswer TimedOut(Front front) => front == Front.Rest
        ? ApiAnswer.Message(504, "Endpoint request timed out")
        : ApiAnswer.Message(503, "Service Unavailable");

    public static ApiAnswer Throttled() => ApiAnswer.Message(429, "Too Many Requests", "TooManyRequestsException");

    public static ApiAnswer TooLarge(Front front) => front == Front.Rest
        ? ApiAnswer.Message(413, "Request Too Long")
        : ApiAnswer.Message(413, "Request Entity Too Large");

    public static ApiAnswer Unauthorized() => ApiAnswer.Message(401, "Unauthorized", "UnauthorizedException");

    public static ApiAnswer Forbidden(Front front, bool explicitDeny) => front == Front.Rest
        ? ApiAnswer.Message(403, explicitDeny ? "User is not authorized to access this resource with an explicit deny" : "User is not authorized to access this resource", "AccessDeniedException")
        : ApiAnswer.Message(403, "Forbidden");

    /// <summary>The integration timeout: REST 29 s, HTTP API and function URL 30 s (a URL has the function's own only; it is the longer anyway).</summary>
    public static TimeSpan IntegrationTimeout(Front front, int? routeMs) =>
        routeMs is > 0 ? TimeSpan.FromMilliseconds(routeMs.Value)
        : front switch { Front.Rest => TimeSpan.FromSeconds(29), Front.Http => TimeSpan.FromSeconds(30), _ => Timeout.InfiniteTimeSpan };
}
