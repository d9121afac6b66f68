using DevTools.Engine.Catalog.Apis;
using DevTools.Protocol.Routing;

namespace DevTools.Server.ApiGateway;

/// <summary>A route chosen for a request, with the values of its path variables.</summary>
internal sealed record RouteMatch(HttpApiDefinition Api, ApiRoute Route, IReadOnlyDictionary<string, string> PathParameters);

/// <summary>
/// Every route of the template's APIs on one port (local URLs have no stage, as with <c>sam local start-api</c>), chosen
/// the way API Gateway walks its resource tree: segment by segment a literal beats a <c>{variable}</c>, which beats a
/// greedy <c>{variable+}</c>; a route for the method beats <c>ANY</c>; the HTTP API's <c>$default</c> route comes last.
/// </summary>
internal sealed class RouteTable
{
    private readonly List<(HttpApiDefinition Api, ApiRoute Route, RoutePath Path)> _routes = [];

    public RouteTable(ApiCatalog catalog)
    {
        foreach (var api in catalog.Apis)
            foreach (var route in api.Routes)
                _routes.Add((api, route, RoutePath.Parse(route.IsDefault ? "/" : route.Path)));
        HasHttpApi = catalog.Apis.Any(a => a.Kind == ApiKind.Http && a.Routes.Count > 0);
    }

    /// <summary>True when an HTTP API is served: an unrouted request then gets its 404 rather than the REST API's 403.</summary>
    public bool HasHttpApi { get; }

    public IEnumerable<(HttpApiDefinition Api, ApiRoute Route)> Routes => _routes.Select(r => (r.Api, r.Route));

    /// <summary>The best route for the method and path; a null method matches any route of the path (for a preflight).</summary>
    public RouteMatch? Match(string? method, IReadOnlyList<string> segments)
    {
        (HttpApiDefinition Api, ApiRoute Route, RoutePath Path)? best = null;
        int[]? bestRank = null;
        foreach (var candidate in _routes)
        {
            if (method is not null && candidate.Route.Method != method && candidate.Route.Method != ApiRoute.AnyMethod) continue;
            if (Rank(candidate, segments) is not { } rank) continue;
            if (bestRank is null || Compare(rank, bestRank) > 0) (best, bestRank) = (candidate, rank);
        }
        return best is { } found ? new RouteMatch(found.Api, found.Route, found.Path.Bind(segments)) : null;
    }

    /// <summary>How well a route fits: its path's figures (<see cref="RoutePath.Rank"/>), then 1 for its own method; null when it does not fit.</summary>
    private static int[]? Rank((HttpApiDefinition Api, ApiRoute Route, RoutePath Path) candidate, IReadOnlyList<string> segments)
    {
        var methodRank = candidate.Route.Method == ApiRoute.AnyMethod ? 0 : 1;
        if (candidate.Route.IsDefault) return [-1, methodRank];
        return candidate.Path.Rank(segments) is { } rank ? [.. rank, methodRank] : null;
    }

    private static int Compare(int[] a, int[] b)
    {
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
            if (a[i] != b[i]) return a[i].CompareTo(b[i]);
        return a.Length.CompareTo(b.Length);
    }
}
