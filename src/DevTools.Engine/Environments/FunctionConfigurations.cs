using DevTools.Engine.Catalog;

namespace DevTools.Engine.Environments;

internal static class FunctionConfigurations
{
    /// <summary>True when an environment created for <paramref name="a"/> can serve <paramref name="b"/> unchanged.</summary>
    public static bool SameRuntimeConfiguration(FunctionConfiguration a, FunctionConfiguration b) =>
        a.FunctionName == b.FunctionName
        && a.Runtime == b.Runtime
        && a.Handler == b.Handler
        && a.CodeDirectory == b.CodeDirectory
        && a.DependenciesDirectory == b.DependenciesDirectory
        && a.MemorySizeMb == b.MemorySizeMb
        && a.TimeoutSeconds == b.TimeoutSeconds
        && a.EphemeralStorageMb == b.EphemeralStorageMb
        && a.ReservedConcurrentExecutions == b.ReservedConcurrentExecutions
        && a.Architecture == b.Architecture
        && a.Layers.SequenceEqual(b.Layers)
        && a.Environment.Count == b.Environment.Count
        && a.Environment.All(kv => b.Environment.TryGetValue(kv.Key, out var v) && v == kv.Value);
}
