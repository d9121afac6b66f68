using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using DevTools.Engine.Build;
using DevTools.Engine.Runtimes.Java;

namespace DevTools.Engine.Runtimes;

/// <summary>
/// Which toolchain of this machine runs each runtime family, its version, and how to get one that is missing. Lambda
/// runs each runtime on its own release; locally the machine's may be older than the runtime's name (<c>java21</c> on
/// JDK 17, <c>ruby3.3</c> on Ruby 3.1), so INIT_START and <c>devtools doctor</c> say which one ran it.
/// </summary>
public static partial class Toolchains
{
    private static readonly ConcurrentDictionary<string, Toolchain> Probed = new(StringComparer.Ordinal);

    /// <summary>The toolchain that runs this runtime here (an interpreter's version is asked once); null when the machine has none, or the runtime needs none.</summary>
    public static Toolchain? Find(RuntimeDefinition runtime, EngineOptions options) => runtime.Family switch
    {
        RuntimeFamily.Node => Probe("Node.js", options.NodeExecutable),
        RuntimeFamily.Python => Probe("Python", options.PythonExecutable),
        RuntimeFamily.Java => JdkLocator.For(runtime.Name, options.JavaHome),
        RuntimeFamily.Ruby => Probe("Ruby", options.RubyExecutable),
        _ => null,
    };

    /// <summary>True when the family runs on a toolchain this machine lacks (no process is started to tell).</summary>
    public static bool IsMissing(RuntimeFamily family, EngineOptions options) => family switch
    {
        RuntimeFamily.Node => ToolRun.FindOnPath(options.NodeExecutable) is null,
        RuntimeFamily.Python => ToolRun.FindOnPath(options.PythonExecutable) is null,
        RuntimeFamily.Java => JdkLocator.Installed(options.JavaHome).Count == 0,
        RuntimeFamily.Ruby => ToolRun.FindOnPath(options.RubyExecutable) is null,
        _ => false,
    };

    /// <summary>What the runtime needs and how to get it (Debian's packages, which the test script installs).</summary>
    public static string MissingMessage(RuntimeDefinition runtime) => runtime.Family switch
    {
        RuntimeFamily.Java => $"{runtime.Name} runs on a JDK and this machine has none (no java in JAVA_HOME, on PATH or in /usr/lib/jvm): install one, e.g. apt-get install openjdk-17-jdk-headless",
        RuntimeFamily.Ruby => $"{runtime.Name} runs on Ruby and this machine has none (no ruby on PATH): install it, e.g. apt-get install ruby",
        RuntimeFamily.Node => $"{runtime.Name} runs on Node.js and this machine has none (no node on PATH): install it from nodejs.org or your package manager",
        RuntimeFamily.Python => $"{runtime.Name} runs on Python 3 and this machine has none (no python3 on PATH): install it, e.g. apt-get install python3",
        _ => $"{runtime.Name} needs no toolchain",
    };

    /// <summary>
    /// True when the toolchain is older than the runtime's name says (<c>ruby3.3</c> on Ruby 3.1, <c>java21</c> on JDK 17):
    /// code that needs the newer one fails at init, with an error that says which one ran it.
    /// </summary>
    public static bool IsOlderThan(this Toolchain toolchain, RuntimeDefinition runtime)
    {
        var wanted = VersionNumber().Match(runtime.Name.Replace(".x", "")) is { Success: true } m ? m.Value : Digits().Match(runtime.Name).Value;
        if (wanted.Length == 0) return false;
        var wantedParts = wanted.Split('.').Select(int.Parse).ToArray();
        var version = toolchain.Name == "JDK" && toolchain.Version.StartsWith("1.", StringComparison.Ordinal) ? toolchain.Version[2..] : toolchain.Version; // JDK 1.8 is Java 8
        var haveParts = version.Split('.', '_', '-', '+').Select(p => int.TryParse(p, out var n) ? n : 0).ToArray();
        for (var i = 0; i < wantedParts.Length; i++)
        {
            var have = i < haveParts.Length ? haveParts[i] : 0;
            if (have != wantedParts[i]) return have < wantedParts[i];
        }
        return false;
    }

    /// <summary>Whether this build carries the Java runtime client (it is compiled when the build machine has a JDK).</summary>
    public static bool JavaClientBuilt => File.Exists(JavaLauncher.ClientJar);

    /// <summary>An interpreter on PATH and its version (<c>--version</c>, asked once per executable).</summary>
    private static Toolchain? Probe(string name, string executable)
    {
        if (ToolRun.FindOnPath(executable) is not { } path) return null;
        if (Probed.TryGetValue(path, out var known)) return known;
        var outcome = ToolRun.RunAsync(path, ["--version"], Directory.GetCurrentDirectory(), _ => { }, TimeSpan.FromSeconds(10), CancellationToken.None)
            .GetAwaiter().GetResult();
        var version = outcome.LastLines.Select(l => VersionNumber().Match(l)).FirstOrDefault(m => m.Success)?.Value;
        return outcome.Succeeded && version is not null ? Probed.GetOrAdd(path, new Toolchain(name, version, path)) : null;
    }

    [GeneratedRegex(@"\d+\.\d+(\.\d+)?")]
    private static partial Regex VersionNumber();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}
