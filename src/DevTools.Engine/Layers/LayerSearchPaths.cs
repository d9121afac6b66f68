using DevTools.Engine.Catalog;
using DevTools.Engine.Runtimes;
using DevTools.Engine.Runtimes.Sdk;

namespace DevTools.Engine.Layers;

/// <summary>Where each runtime looks in <c>/opt</c>, as Lambda's runtimes do (the layer paths of Lambda's documentation).</summary>
internal static class LayerSearchPaths
{
    /// <summary>The function's search paths with those of its merged layers (<paramref name="opt"/>; none when null).</summary>
    public static FunctionSearchPaths With(this FunctionSearchPaths paths, FunctionConfiguration function, string? opt)
    {
        if (opt is null) return paths;
        IEnumerable<string> inOpt = function.RuntimeDefinition?.Family switch
        {
            RuntimeFamily.Node => [Path.Combine(opt, "nodejs", "node" + MajorVersion(function.Runtime, "nodejs"), "node_modules"), Path.Combine(opt, "nodejs", "node_modules")],
            RuntimeFamily.Python => [Path.Combine(opt, "python", "lib", function.Runtime, "site-packages"), Path.Combine(opt, "python")],
            _ => [],
        };
        return paths with { LayerPaths = [.. inOpt.Where(Directory.Exists)], OptDirectory = opt };
    }

    /// <summary><c>nodejs22.x</c> → <c>22</c>.</summary>
    private static string MajorVersion(string runtime, string prefix) => runtime[prefix.Length..].Split('.')[0];
}
