using System.Globalization;
using DevTools.Engine.Build;

namespace DevTools.Engine.Runtimes.Java;

/// <summary>
/// The JDKs of this machine (<c>JAVA_HOME</c>, <c>java</c> on PATH, <c>/usr/lib/jvm/*</c>) and the one each java*
/// runtime runs on: the oldest at least as new as the runtime (closest to Lambda's), else the newest there is.
/// Versions come from each JDK's <c>release</c> file: no JVM is started to find them.
/// </summary>
internal static class JdkLocator
{
    private const string JvmFolder = "/usr/lib/jvm";

    /// <summary>The JDK for a runtime (<c>java21</c>); null when the machine has none.</summary>
    /// <param name="javaHome">A JDK chosen for every runtime (<see cref="EngineOptions.JavaHome"/>); null to choose among the machine's.</param>
    public static Toolchain? For(string runtime, string? javaHome)
    {
        var installed = Installed(javaHome);
        var wanted = FeatureVersion(runtime["java".Length..]);
        return installed.Where(j => FeatureVersion(j.Version) >= wanted).MinBy(j => FeatureVersion(j.Version))
            ?? installed.MaxBy(j => FeatureVersion(j.Version));
    }

    /// <summary>Every JDK found, each once (by its real folder).</summary>
    public static IReadOnlyList<Toolchain> Installed(string? javaHome)
    {
        IEnumerable<string?> homes = javaHome is not null
            ? [javaHome]
            : [Environment.GetEnvironmentVariable("JAVA_HOME"), HomeOf(ToolRun.FindOnPath("java")), .. Directory.Exists(JvmFolder) ? Directory.GetDirectories(JvmFolder).Order(StringComparer.Ordinal).ToArray() : []];
        var found = new Dictionary<string, Toolchain>(StringComparer.Ordinal);
        foreach (var home in homes)
        {
            if (string.IsNullOrEmpty(home) || RealPath(home) is not { } real || found.ContainsKey(real)) continue;
            if (Describe(real) is { } jdk) found[real] = jdk;
        }
        return [.. found.Values];
    }

    /// <summary>8 for <c>1.8.0_392</c> and <c>8.al2</c>, 17 for <c>17.0.15</c>.</summary>
    public static int FeatureVersion(string version)
    {
        var parts = version.Split('.', '_', '-', '+');
        var first = int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major) ? major : 0;
        return first == 1 && parts.Length > 1 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor) ? minor : first;
    }

    /// <summary>A JDK (or JRE) folder: its <c>bin/java</c> and the version its <c>release</c> file states.</summary>
    private static Toolchain? Describe(string home)
    {
        var java = Path.Combine(home, "bin", "java");
        var release = Path.Combine(home, "release");
        if (!File.Exists(java) || !File.Exists(release)) return null;
        string? version = null, vendor = null;
        foreach (var line in File.ReadLines(release))
        {
            var equals = line.IndexOf('=');
            if (equals <= 0) continue;
            var value = line[(equals + 1)..].Trim().Trim('"');
            switch (line[..equals])
            {
                case "JAVA_VERSION": version = value; break;
                case "IMPLEMENTOR": vendor = value; break;
            }
        }
        return version is null ? null : new Toolchain("JDK", version, java, vendor);
    }

    /// <summary><c>/usr/bin/java</c> → <c>/usr/lib/jvm/java-17-openjdk-amd64</c> (through the alternatives' links).</summary>
    private static string? HomeOf(string? java) =>
        java is null || RealPath(java) is not { } real ? null : Path.GetDirectoryName(Path.GetDirectoryName(real));

    private static string? RealPath(string path)
    {
        try
        {
            var info = new FileInfo(path);
            var target = info.Exists ? info.ResolveLinkTarget(returnFinalTarget: true) : new DirectoryInfo(path).ResolveLinkTarget(returnFinalTarget: true);
            var full = Path.GetFullPath(target?.FullName ?? path);
            return File.Exists(full) || Directory.Exists(full) ? full : null;
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
