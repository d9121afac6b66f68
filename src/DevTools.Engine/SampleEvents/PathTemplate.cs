using DevTools.Protocol.Routing;

namespace DevTools.Engine.SampleEvents;

/// <summary>
/// A resource or route path with variables (<c>/users/{id}</c>, <c>/{proxy+}</c>) matched against a request path, for the
/// <c>pathParameters</c> API Gateway passes: <c>{name}</c> takes one segment, a greedy <c>{name+}</c> (last) takes the rest.
/// </summary>
internal static class PathTemplate
{
    /// <summary>The variables' values (null when the template has none), or throws when the path does not match.</summary>
    public static Dictionary<string, string>? Match(string template, string path)
    {
        var parts = Segments(template);
        for (var i = 0; i < parts.Length - 1; i++)
            if (parts[i].StartsWith('{') && parts[i].EndsWith("+}"))
                throw new SampleEventException($"In {template} the greedy variable {parts[i]} must be the last segment.");
        // The matching itself is the route table's rule.
        var route = RoutePath.Parse(template);
        var segments = RoutePath.SegmentsOf(path);
        if (!route.Fits(segments)) throw NoMatch(template, path);
        var values = route.Bind(segments);
        return values.Count == 0 ? null : new Dictionary<string, string>(values, StringComparer.Ordinal);
    }

    /// <summary>The path with one leading slash (users write <c>users/42</c> as SAM's flags take it).</summary>
    public static string Rooted(string path) => "/" + path.TrimStart('/');

    private static string[] Segments(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);

    private static SampleEventException NoMatch(string template, string path) => new($"The path {path} does not match {template}.");
}
