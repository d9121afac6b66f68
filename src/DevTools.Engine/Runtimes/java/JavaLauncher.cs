using System.Globalization;
using System.Text.RegularExpressions;
using DevTools.Engine.Catalog;
using DevTools.Engine.Isolation;

namespace DevTools.Engine.Runtimes.Java;

/// <summary>
/// Starts a java* runtime: the JDK <see cref="JdkLocator"/> chose, with the JVM options Lambda uses, running our runtime
/// client (compiled at build time into <see cref="ClientJar"/>) on the handler.
/// </summary>
internal static partial class JavaLauncher
{
    /// <summary>The bundled client, built from the <c>.java</c> files beside this one when the build machine has a JDK.</summary>
    public static string ClientJar => Path.Combine(RuntimeLauncher.RuntimeClientsDirectory, "java", "lambda-devtools-runtime.jar");

    private const string MainClass = "lambdadevtools.runtime.Main";

    public static ProcessStartSpec CreateSpec(FunctionConfiguration function, IReadOnlyDictionary<string, string> environment, EngineOptions options)
    {
        var runtime = function.RuntimeDefinition!;
        var jdk = JdkLocator.For(runtime.Name, options.JavaHome)
            ?? throw new LaunchException("Runtime.InvalidEntrypoint", Toolchains.MissingMessage(runtime));
        if (!File.Exists(ClientJar))
            throw new LaunchException("Runtime.InvalidEntrypoint",
                $"This build of Lambda DevTools has no Java runtime client ({ClientJar}): it was built on a machine without a JDK (javac). Install one (e.g. apt-get install openjdk-17-jdk-headless) and build again.");
        return new ProcessStartSpec(jdk.Executable, [.. JvmOptions(runtime.Name, function.MemorySizeMb, environment), "-cp", ClientJar, MainClass, function.Handler],
            function.CodeDirectory, environment);
    }

    /// <summary>
    /// Lambda's options for a function of this memory size: the heap, metaspace and code cache as Lambda sizes them (85 %,
    /// 10 %, 5 % of MemorySize), the serial collector, and from java17 on tiered compilation stopped at level 1. One the
    /// function sets in <c>JAVA_TOOL_OPTIONS</c> (or <c>_JAVA_OPTIONS</c>) wins over Lambda's, as Lambda documents for its
    /// collector and compilation tiers. The JVM's temp folder is the environment's <c>/tmp</c>.
    /// </summary>
    internal static IReadOnlyList<string> JvmOptions(string runtime, int memoryMb, IReadOnlyDictionary<string, string> environment)
    {
        var kb = memoryMb * 1024L;
        var lambda = new List<string>
        {
            Invariant($"-Xmx{kb * 85 / 100}k"),
            Invariant($"-XX:MaxMetaspaceSize={kb * 10 / 100}k"),
            Invariant($"-XX:ReservedCodeCacheSize={kb * 5 / 100}k"),
            "-XX:+UseSerialGC",
        };
        if (JdkLocator.FeatureVersion(runtime["java".Length..]) >= 17) lambda.AddRange(["-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1"]);
        lambda.Add("-Djava.net.preferIPv4Stack=true");

        var chosen = new HashSet<string>(new[] { "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS" }
            .SelectMany(v => environment.TryGetValue(v, out var value) ? value.Split(' ', '\t', '\n') : [])
            .Where(o => o.Length > 0).Select(Setting), StringComparer.Ordinal);
        var options = lambda.Where(o => !chosen.Contains(Setting(o))).ToList();

        var tmp = environment.TryGetValue("TMPDIR", out var tmpDir) ? tmpDir : "/tmp";
        options.Add("-Djava.io.tmpdir=" + tmp);
        // The JVM keeps its performance counters in /tmp/hsperfdata_<user>: in the machine's /tmp, unless the
        // environment has its own (where Lambda's JVMs keep them too).
        if (tmp != "/tmp") options.Add("-XX:-UsePerfData");
        return options;
    }

    /// <summary>What an option sets, so that two ways of setting it meet: <c>-Xmx</c> is the maximum heap size; every <c>-XX:+Use…GC</c> picks the collector.</summary>
    private static string Setting(string option)
    {
        if (option.StartsWith("-Xmx", StringComparison.Ordinal) || option.StartsWith("-XX:MaxHeapSize=", StringComparison.Ordinal)) return "heap";
        if (CollectorOption().IsMatch(option)) return "gc";
        if (option.Contains("TieredCompilation", StringComparison.Ordinal) || option.StartsWith("-XX:TieredStopAtLevel", StringComparison.Ordinal)) return "tiered";
        var equals = option.IndexOf('=');
        return equals < 0 ? option : option[..equals];
    }

    [GeneratedRegex(@"^-XX:[+-]Use\w*GC$")]
    private static partial Regex CollectorOption();

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
