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
        var segments = Segments(path);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (part.StartsWith('{') && part.EndsWith("+}"))
            {
                if (i != parts.Length - 1) throw new SampleEventException($"In {template} the greedy variable {part} must be the last segment.");
                if (segments.Length <= i) throw NoMatch(template, path);
                variables[part[1..^2]] = string.Join('/', segments[i..]);
                return variables;
            }
            if (i >= segments.Length) throw NoMatch(template, path);
            if (part.StartsWith('{') && part.EndsWith('}')) variables[part[1..^1]] = segments[i];
            else if (part != segments[i]) throw NoMatch(template, path);
        }
        if (segments.Length != parts.Length) throw NoMatch(template, path);
        return variables.Count == 0 ? null : variables;
    }

    /// <summary>The path with one leading slash (users write <c>users/42</c> as SAM's flags take it).</summary>
    public static string Rooted(string path) => "/" + path.TrimStart('/');

    private static string[] Segments(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);

    private static SampleEventException NoMatch(string template, string path) => new($"The path {path} does not match {template}.");
}
