namespace DevTools.Engine.Catalog;

/// <summary>
/// A function as read from the template, with where each property was written so validation
/// can point at the value that breaks a rule (or at the resource's key when the property is missing).
/// </summary>
/// <param name="PropertyLocations">Value positions by property path (<c>MemorySize</c>, <c>EphemeralStorage.Size</c>...).</param>
/// <param name="EnvironmentKeyLocations">Positions of the environment variable names, for naming rules.</param>
/// <param name="UnresolvedProperties">Properties written but not resolvable locally (already warned about).</param>
/// <param name="InvalidProperties">Properties of the wrong type (already reported), so "missing" rules stay quiet about them.</param>
/// <param name="ArchitectureCount">How many items <c>Architectures</c> had, when present; Lambda takes exactly one.</param>
internal sealed record FunctionDraft(
    FunctionConfiguration Configuration,
    IReadOnlyDictionary<string, SourceLocation> PropertyLocations,
    IReadOnlyDictionary<string, SourceLocation> EnvironmentKeyLocations,
    IReadOnlySet<string> UnresolvedProperties,
    IReadOnlySet<string> InvalidProperties,
    int? ArchitectureCount)
{
    public const string EnvironmentVariablesPath = "Environment.Variables";
    public const string EphemeralStorageSizePath = "EphemeralStorage.Size";

    public SourceLocation LocationOf(string property) =>
        PropertyLocations.TryGetValue(property, out var location) ? location : Configuration.Location;

    public bool IsSet(string property) => PropertyLocations.ContainsKey(property);
}
