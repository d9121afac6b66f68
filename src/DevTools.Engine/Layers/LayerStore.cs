using System.Collections.Concurrent;
using DevTools.Engine.Catalog;

namespace DevTools.Engine.Layers;

/// <summary>
/// Each function's <c>/opt</c>: its layers merged (<see cref="LayerMerge"/>) once per engine under its workspace, shared
/// by functions with the same layers, and built again after a layer's folder changes.
/// </summary>
internal sealed class LayerStore(string root)
{
    private readonly ConcurrentDictionary<string, Lazy<string>> _merged = new(StringComparer.Ordinal);
    private int _builds;

    /// <summary>The merged folder of the function's layers; null when it has none.</summary>
    public string? OptFor(FunctionConfiguration function)
    {
        if (function.Layers.Count == 0) return null;
        var key = string.Join('\n', function.Layers.Select(l => l.Directory));
        return _merged.GetOrAdd(key, _ => new Lazy<string>(() => Build(function.Layers))).Value;
    }

    /// <summary>A layer's folder changed: merges that include it are built again on next use.</summary>
    public void Forget(string layerDirectory)
    {
        foreach (var key in _merged.Keys.Where(k => k.Split('\n').Contains(layerDirectory, StringComparer.Ordinal)))
            _merged.TryRemove(key, out _);
    }

    private string Build(IReadOnlyList<LayerConfiguration> layers)
    {
        var target = Path.Combine(root, "layers", Interlocked.Increment(ref _builds).ToString(System.Globalization.CultureInfo.InvariantCulture), "opt");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        LayerMerge.Into(target, layers.Select(l => l.Directory));
        return target;
    }
}
