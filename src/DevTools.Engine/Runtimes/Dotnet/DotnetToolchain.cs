using System.Collections.Concurrent;
using DevTools.Engine.Build;

namespace DevTools.Engine.Runtimes.Dotnet;

/// <summary>
/// The machine's .NET: the <c>dotnet</c> host and the shared runtimes it has (<c>shared/Microsoft.NETCore.App/&lt;version&gt;</c>),
/// and which of them a function runs on. Functions run with roll-forward to the newest installed runtime
/// (<c>--roll-forward LatestMajor</c>), and never below the one the runtime client needs, so a net8.0 function runs on
/// .NET 10 where .NET 8 is missing. Read from the file system once per host: no process is started.
/// </summary>
public sealed class DotnetToolchain
{
    /// <summary>The runtime client is a net10.0 program: the oldest .NET that can run it.</summary>
    public static readonly Version ClientRuntime = new(10, 0);

    public const string InstallHint = "install the .NET 10 runtime or SDK (https://dotnet.microsoft.com/download; on Debian or Ubuntu, Microsoft's package feed: apt-get install dotnet-runtime-10.0)";

    private static readonly ConcurrentDictionary<string, DotnetToolchain> Known = new(StringComparer.Ordinal);

    private DotnetToolchain(string? host, IReadOnlyList<Version> runtimes)
    {
        Host = host;
        Runtimes = runtimes;
    }

    /// <summary>The <c>dotnet</c> executable (symbolic links resolved); null when there is none.</summary>
    public string? Host { get; }

    /// <summary>The installed Microsoft.NETCore.App releases (previews left out, as roll-forward leaves them out), oldest first.</summary>
    public IReadOnlyList<Version> Runtimes { get; }

    /// <summary>The newest runtime, the one functions run on; null when none can run the runtime client.</summary>
    public Version? Newest => Runtimes.Count > 0 && Runtimes[^1] >= ClientRuntime ? Runtimes[^1] : null;

    /// <param name="executable">The <c>dotnet</c> to use (<see cref="EngineOptions.DotnetExecutable"/>): a path, or a name on PATH.</param>
    public static DotnetToolchain Find(string executable) => Known.GetOrAdd(executable, Locate);

    /// <summary>What <c>devtools doctor</c> shows: the .NET that runs functions, or why none can.</summary>
    public string Describe() => Newest is { } newest
        ? $".NET {newest} ({Host}); net8.0 functions roll forward to it"
        : "cannot run: " + Problem();

    /// <summary>Why .NET functions cannot run on this machine, and how to fix it; null when they can.</summary>
    public string? Problem()
    {
        if (Host is null) return $".NET is not installed (no dotnet on PATH): {InstallHint}.";
        if (Newest is null)
            return $"this machine's .NET ({(Runtimes.Count == 0 ? "no runtime" : string.Join(", ", Runtimes))}) is older than the .NET {ClientRuntime.Major} the .NET runtime client needs: {InstallHint}.";
        return null;
    }

    /// <summary>Why a function built for <paramref name="needed"/> cannot run here; null when it can.</summary>
    public string? ProblemFor(Version needed)
    {
        if (Problem() is { } problem) return problem;
        return Newest!.Major < needed.Major || (Newest.Major == needed.Major && Newest.Minor < needed.Minor)
            ? $"the function needs .NET {needed.Major}.{needed.Minor} (its runtimeconfig.json asks for {needed}), newer than this machine's .NET {Newest}: install .NET {needed.Major}.{needed.Minor} (https://dotnet.microsoft.com/download) or build the function for net{Newest.Major}.{Newest.Minor}."
            : null;
    }

    private static DotnetToolchain Locate(string executable)
    {
        var found = ToolRun.FindOnPath(executable);
        if (found is null) return new DotnetToolchain(null, []);
        var host = new FileInfo(found).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? found;
        var shared = Path.Combine(Path.GetDirectoryName(host)!, "shared", "Microsoft.NETCore.App");
        var runtimes = Directory.Exists(shared)
            ? Directory.GetDirectories(shared).Select(Path.GetFileName).Select(name => Version.TryParse(name, out var v) ? v : null).OfType<Version>().Order().ToList()
            : [];
        return new DotnetToolchain(host, runtimes);
    }
}
