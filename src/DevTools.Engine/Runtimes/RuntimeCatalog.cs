namespace DevTools.Engine.Runtimes;

/// <summary>The runtime identifiers Lambda accepts, and which of them run locally.</summary>
public static class RuntimeCatalog
{
    private static readonly Dictionary<string, RuntimeDefinition> Known = Build();

    public static IReadOnlyCollection<RuntimeDefinition> All => Known.Values;

    public static RuntimeDefinition? Find(string? name) =>
        name is not null && Known.TryGetValue(name, out var runtime) ? runtime : null;

    private static Dictionary<string, RuntimeDefinition> Build()
    {
        var list = new List<RuntimeDefinition>
        {
            new("provided", RuntimeFamily.Provided, Deprecated: true),
            new("provided.al2", RuntimeFamily.Provided),
            new("provided.al2023", RuntimeFamily.Provided),
        };
        for (var v = 18; v <= 24; v += 2)
            list.Add(new($"nodejs{v}.x", RuntimeFamily.Node, Deprecated: v < 20));
        for (var minor = 9; minor <= 14; minor++)
            list.Add(new($"python3.{minor}", RuntimeFamily.Python, Deprecated: minor < 10));
        list.Add(new("dotnet8", RuntimeFamily.Dotnet));
        list.Add(new("dotnet10", RuntimeFamily.Dotnet));
        foreach (var name in new[] { "java8.al2", "java11", "java17", "java21", "java25" })
            list.Add(new(name, RuntimeFamily.Java));
        for (var minor = 2; minor <= 4; minor++)
            list.Add(new($"ruby3.{minor}", RuntimeFamily.Ruby));
        return list.ToDictionary(r => r.Name, StringComparer.Ordinal);
    }
}
