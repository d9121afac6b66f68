using DevTools.Engine.Catalog.Apis;

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
    private readonly List<(HttpApiDefinition Api, ApiRoute Route, Segment[] Segments)> _routes = [];

    public RouteTable(ApiCatalog catalog)
    {
        foreach (var api in catalog.Apis)
            foreach (var route in api.Routes)
                _routes.Add((api, route, route.IsDefault ? [] : Parse(route.Path)));
        HasHttpApi = catalog.Apis.Any(a => a.Kind == ApiKind.Http && a.Routes.Count > 0);
    }

    /// <summary>True when an HTTP API is served: an unrouted request then gets its 404 rather than the REST API's 403.</summary>
    public bool HasHttpApi { get; }

    public IEnumerable<(HttpApiDefinition Api, ApiRoute Route)> Routes => _routes.Select(r => (r.Api, r.Route));

    /// <summary>The best route for the method and path; a null method matches any route of the path (for a preflight).</summary>
    public RouteMatch? Match(string? method, IReadOnlyList<string> segments)
    {
        (HttpApiDefinition Api, ApiRoute Route, Segment[] Segments)? best = null;
        int[]? bestRank = null;
        foreach (var candidate in _routes)
        {
            if (method is not null && candidate.Route.Method != method && candidate.Route.Method != ApiRoute.AnyMethod) continue;
            if (Rank(candidate, segments) is not { } rank) continue;
            if (bestRank is null || Compare(rank, bestRank) > 0) (best, bestRank) = (candidate, rank);
        }
        return best is { } found ? new RouteMatch(found.Api, found.Route, Bind(found.Segments, segments)) : null;
    }

    /// <summary>How well a route fits: one figure per segment (2 literal, 1 variable, 0 greedy), then 1 for its own method; null when it does not fit.</summary>
    private static int[]? Rank((HttpApiDefinition Api, ApiRoute Route, Segment[] Segments) candidate, IReadOnlyList<string> segments)
    {
        var methodRank = candidate.Route.Method == ApiRoute.AnyMethod ? 0 : 1;
        if (candidate.Route.IsDefault) return [-1, methodRank];
        var pattern = candidate.Segments;
        var rank = new List<int>(pattern.Length + 1);
        for (var i = 0; i < pattern.Length; i++)
        {
            var part = pattern[i];
            if (part.Greedy)
            {
                if (i >= segments.Count) return null; // a greedy variable takes at least one segment
                rank.Add(0);
                rank.Add(methodRank);
                return [.. rank];
            }
            if (i >= segments.Count) return null;
            if (part.Variable is null && !string.Equals(part.Literal, segments[i], StringComparison.Ordinal)) return null;
            rank.Add(part.Variable is null ? 2 : 1);
        }
        if (pattern.Length != segments.Count) return null;
        rank.Add(methodRank);
        return [.. rank];
    }

    private static int Compare(int[] a, int[] b)
    {
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
            if (a[i] != b[i]) return a[i].CompareTo(b[i]);
        return a.Length.CompareTo(b.Length);
    }

    private static Dictionary<string, string> Bind(Segment[] pattern, IReadOnlyList<string> segments)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i].Variable is not { } name) continue;
            values[name] = pattern[i].Greedy ? string.Join('/', segments.Skip(i)) : segments[i];
        }
        return values;
    }

    private static Segment[] Parse(string path) =>
        [.. path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(part =>
            part.StartsWith('{') && part.EndsWith('}')
                ? new Segment(null, part.TrimStart('{').TrimEnd('}').TrimEnd('+'), part.EndsWith("+}", StringComparison.Ordinal))
                : new Segment(part, null, false))];

    private sealed record Segment(string? Literal, string? Variable, bool Greedy);
}
