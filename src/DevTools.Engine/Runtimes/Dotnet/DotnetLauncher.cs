using DevTools.Engine.Catalog;
using DevTools.Engine.Isolation;

namespace DevTools.Engine.Runtimes.Dotnet;

/// <summary>
/// The command that starts a .NET function, as AWS's bootstrap builds it: a class-library handler
/// (<c>Assembly::Type::Method</c>) runs in the bundled runtime client with the function's runtimeconfig
/// (<c>dotnet exec --runtimeconfig &lt;it&gt; DevTools.Runtime.Dotnet.dll</c>); a handler without <c>::</c> names an
/// executable assembly that hosts its own runtime client (<c>dotnet exec &lt;handler&gt;.dll</c>). Both roll forward to the
/// machine's newest .NET.
/// </summary>
internal static class DotnetLauncher
{
    public const string ClientAssembly = "DevTools.Runtime.Dotnet.dll";

    public static ProcessStartSpec CreateSpec(EngineOptions options, FunctionConfiguration function, IReadOnlyDictionary<string, string> environment)
    {
        var toolchain = DotnetToolchain.Find(options.DotnetExecutable);
        if (toolchain.Problem() is { } problem) throw Invalid($"The {function.Runtime} runtime cannot start: {problem}");
        var taskRoot = function.CodeDirectory;
        var env = new Dictionary<string, string>(environment);
        env.TryAdd("DOTNET_ROOT", Path.GetDirectoryName(toolchain.Host)!);
        string[] rollForward = ["--roll-forward", "LatestMajor"];

        if (!function.Handler.Contains("::", StringComparison.Ordinal))
        {
            var program = Path.Combine(taskRoot, function.Handler.EndsWith(".dll", StringComparison.Ordinal) ? function.Handler : function.Handler + ".dll");
            if (!File.Exists(program)) throw Invalid($"The handler '{function.Handler}' names no executable assembly: {program} does not exist.");
            Check(toolchain, DotnetRuntimeConfig.Find(taskRoot, Path.GetFileNameWithoutExtension(program))?.Needed ?? DotnetRuntimeConfig.NeededBy(function.Runtime));
            return new ProcessStartSpec(toolchain.Host!, ["exec", .. rollForward, program], taskRoot, env);
        }

        var assembly = function.Handler.Split("::")[0].Trim();
        var config = DotnetRuntimeConfig.Find(taskRoot, assembly);
        Check(toolchain, config?.Needed ?? DotnetRuntimeConfig.NeededBy(function.Runtime));
        var client = Path.Combine(RuntimeLauncher.RuntimeClientsDirectory, "dotnet", ClientAssembly);
        string[] runtimeConfig = config is null ? [] : ["--runtimeconfig", config.Path];
        return new ProcessStartSpec(toolchain.Host!, ["exec", .. runtimeConfig, .. rollForward, client], taskRoot, env);
    }

    private static void Check(DotnetToolchain toolchain, Version needed)
    {
        if (toolchain.ProblemFor(needed) is { } problem) throw Invalid($"The function cannot start: {problem}");
    }

    private static LaunchException Invalid(string message) => new("Runtime.InvalidEntrypoint", message);
}
