using System.Text.Json;
using DevTools.Engine.Build;

namespace DevTools.Engine.Runtimes.Sdk;

/// <summary>Where a function's <c>import boto3</c> is served from.</summary>
/// <param name="Source"><c>cache</c> (the per-machine cache, added to the function's path), <c>interpreter</c> (the machine's Python has it) or null (nowhere).</param>
public sealed record PythonSdkLocation(string? Source, string? Version, string? Location)
{
    public bool Found => Source is not null;
}

/// <summary>
/// boto3 and botocore, which Lambda's Python runtimes carry in <c>/var/runtime</c> (last on <c>sys.path</c>): the
/// machine's own when its Python has them, else a copy in the per-machine cache (pip, or another installation here).
/// </summary>
public sealed class PythonRuntimeSdk(string directory, string pythonExecutable)
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(10);
    private static string Helper => Path.Combine(RuntimeLauncher.RuntimeClientsDirectory, "Sdk", "python-sdk.py");

    /// <summary>The cache folder, appended to the function's <c>sys.path</c> when boto3 comes from it.</summary>
    public string Directory { get; } = Path.Combine(directory, "python");

    /// <summary>Finds boto3: the cache first (no process needed), else asks the interpreter.</summary>
    public async Task<PythonSdkLocation> LocateAsync(CancellationToken cancellationToken)
    {
        if (CachedVersion() is { } version) return new PythonSdkLocation("cache", version, Directory);
        var output = new List<string>();
        var outcome = await ToolRun.RunAsync(pythonExecutable, [Helper, "probe", Directory], System.IO.Directory.GetCurrentDirectory(),
            line => { lock (output) output.Add(line); }, ProbeTimeout, cancellationToken).ConfigureAwait(false);
        if (!outcome.Succeeded) return new PythonSdkLocation(null, null, null);
        try
        {
            using var json = JsonDocument.Parse(output.Last(l => l.StartsWith('{')));
            var root = json.RootElement;
            return new PythonSdkLocation(root.GetProperty("source").GetString(), root.GetProperty("version").GetString(), root.GetProperty("location").GetString());
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException) { return new PythonSdkLocation(null, null, null); }
    }

    public async Task<ToolOutcome> InstallAsync(Action<string> onLine, CancellationToken cancellationToken)
    {
        using var _ = await RuntimeSdkCache.LockAsync(Path.GetDirectoryName(Directory)!, cancellationToken).ConfigureAwait(false);
        return await ToolRun.RunAsync(pythonExecutable, ["-u", Helper, "install", Directory], Path.GetDirectoryName(Directory)!, onLine, InstallTimeout, cancellationToken).ConfigureAwait(false);
    }

    public string InstallCommand => $"{Path.GetFileName(pythonExecutable)} python-sdk.py install {Directory}";

    /// <summary>boto3's version in the cache, from its metadata folder's name (boto3-1.43.11.dist-info).</summary>
    private string? CachedVersion()
    {
        if (!File.Exists(Path.Combine(Directory, "boto3", "__init__.py"))) return null;
        var info = System.IO.Directory.EnumerateDirectories(Directory, "boto3-*").Select(Path.GetFileName).FirstOrDefault(n => n!.EndsWith(".dist-info") || n.EndsWith(".egg-info"));
        return info is null ? "unknown" : info["boto3-".Length..info.LastIndexOf('.')];
    }
}
