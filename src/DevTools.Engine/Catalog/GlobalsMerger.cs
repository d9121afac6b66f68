namespace DevTools.Engine.Catalog;

/// <summary>
/// Applies <c>Globals.Function</c> to a function's properties the way the SAM translator does:
/// maps merge key by key (so <c>Environment.Variables</c> combine), lists concatenate globals first,
/// and for anything else (scalars, intrinsics, differing kinds) the function's own value wins.
/// </summary>
internal static class GlobalsMerger
{
    // A function runs on one architecture; concatenating would yield two. SAM is moving Architectures
    // to "replace" for this reason (aws/serverless-application-model#3939, PR #3945).
    private static readonly HashSet<string> ReplacedLists = new(StringComparer.Ordinal) { "Architectures" };

    public static MapValue Merge(MapValue globals, MapValue properties) => MergeMaps(globals, properties, path: "");

    private static MapValue MergeMaps(MapValue globals, MapValue local, string path)
    {
        var entries = new List<MapEntry>(globals.Entries.Count + local.Entries.Count);
        foreach (var global in globals.Entries)
        {
            var own = local.Find(global.Key);
            entries.Add(own is null ? global : own with { Value = MergeValues(global.Value, own.Value, path + global.Key) });
        }
        entries.AddRange(local.Entries.Where(e => globals.Find(e.Key) is null));
        return new MapValue(entries, local.Location);
    }

    private static TemplateValue MergeValues(TemplateValue global, TemplateValue local, string path) => (global, local) switch
    {
        (MapValue g, MapValue l) => MergeMaps(g, l, path + "."),
        (ListValue g, ListValue l) when !ReplacedLists.Contains(path) => new ListValue([.. g.Items, .. l.Items], l.Location),
        _ => local,
    };
}
