using System.Text.Json;

namespace DevTools.Engine.Runtimes.Dotnet;

/// <summary>
/// A function's <c>*.runtimeconfig.json</c>, found as AWS's bootstrap finds it (<c>&lt;assembly&gt;.runtimeconfig.json</c>, else
/// the only one in the folder), and the .NET it asks for.
/// </summary>
public sealed record DotnetRuntimeConfig(string Path, Version Needed)
{
    /// <summary>The function's runtimeconfig, or null when its folder has none (or several and none named after the assembly).</summary>
    public static DotnetRuntimeConfig? Find(string taskRoot, string assemblyName)
    {
        var named = System.IO.Path.Combine(taskRoot, assemblyName + ".runtimeconfig.json");
        var path = File.Exists(named) ? named
            : Directory.Exists(taskRoot) && Directory.GetFiles(taskRoot, "*.runtimeconfig.json") is [var only] ? only : null;
        return path is null ? null : new DotnetRuntimeConfig(path, ReadNeeded(path));
    }

    /// <summary>What a function without a runtimeconfig needs: its runtime's .NET (dotnet8: 8.0).</summary>
    public static Version NeededBy(string runtime) =>
        Version.TryParse(runtime.StartsWith("dotnet", StringComparison.Ordinal) ? runtime[6..] + ".0" : "", out var version) ? version : DotnetToolchain.ClientRuntime;

    /// <summary>Microsoft.NETCore.App's version (ASP.NET Core's implies the same), else the <c>tfm</c>'s.</summary>
    private static Version ReadNeeded(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            if (!document.RootElement.TryGetProperty("runtimeOptions", out var options)) return DotnetToolchain.ClientRuntime;
            var frameworks = options.TryGetProperty("frameworks", out var list) && list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().ToList()
                : options.TryGetProperty("framework", out var single) ? [single] : [];
            var versions = frameworks.Select(f => f.TryGetProperty("version", out var v) && Version.TryParse(v.GetString()?.Split('-')[0], out var parsed) ? parsed : null)
                .OfType<Version>().ToList();
            if (versions.Count > 0) return versions.Max()!;
            if (options.TryGetProperty("tfm", out var tfm) && Version.TryParse(tfm.GetString()?.Replace("net", ""), out var fromTfm)) return fromTfm;
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidOperationException) { }
        return DotnetToolchain.ClientRuntime;
    }
}
