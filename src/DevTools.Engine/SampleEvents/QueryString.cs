namespace DevTools.Engine.SampleEvents;

/// <summary>A query string (<c>a=1&amp;b=2&amp;a=3</c>) as API Gateway reads it: its parameters in order, decoded.</summary>
internal static class QueryString
{
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string query) =>
        query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(parts => KeyValuePair.Create(Decode(parts[0]), parts.Length > 1 ? Decode(parts[1]) : ""))
            .ToList();

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
