namespace DevTools.Engine.Catalog;

/// <summary>
/// One layer of a function: its name (a template layer's logical id, or its ARN), the local folder of its content, and
/// the runtimes and architectures it says it is for (empty: not said).
/// </summary>
public sealed record LayerConfiguration(string Name, string Directory)
{
    public IReadOnlyList<string> CompatibleRuntimes { get; init; } = [];
    public IReadOnlyList<string> CompatibleArchitectures { get; init; } = [];
}
