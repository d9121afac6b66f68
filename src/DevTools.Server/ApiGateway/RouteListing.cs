using DevTools.Engine.Catalog.Apis;

namespace DevTools.Server.ApiGateway;

/// <summary>A route as listed: method, path, URL (null when not served), the function it invokes, its API, the API's kind (REST, HTTP, URL), payload version and route key.</summary>
public sealed record ServedRoute(string Method, string Path, string? Url, string FunctionId, string Api, string Kind, string PayloadFormatVersion, string RouteKey);

/// <summary>The one listing of the template's routes, for the start-up output, <c>lambda/api/routes</c> and every client.</summary>
public static class RouteListing
{
    /// <param name="apiAddress">Where the API routes are served; null when they are not.</param>
    /// <param name="urlAddress">Where a function's URL is served; null (or no entry) when it is not.</param>
    public static IReadOnlyList<ServedRoute> For(ApiCatalog catalog, Uri? apiAddress, Func<string, Uri?>? urlAddress = null) =>
    [
        .. catalog.Apis.SelectMany(api => api.Routes.Select(route => new ServedRoute(
            route.Method,
            route.IsDefault ? "/*" : route.Path,
            apiAddress is null ? null : route.IsDefault ? new Uri(apiAddress, "/").ToString() + "*" : new Uri(apiAddress, route.Path).ToString(),
            route.FunctionId, api.LogicalId, api.Kind == ApiKind.Rest ? "REST" : "HTTP", route.PayloadFormatVersion, route.RouteKey))),
        .. catalog.FunctionUrls.Select(url => new ServedRoute(
            ApiRoute.AnyMethod, "/*", urlAddress?.Invoke(url.FunctionId)?.ToString(), url.FunctionId, url.FunctionId + "Url", "URL", "2.0", ApiRoute.DefaultRouteKey)),
    ];
}
