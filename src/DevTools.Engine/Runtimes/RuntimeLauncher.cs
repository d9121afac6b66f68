using DevTools.Engine.Catalog;
using DevTools.Engine.Isolation;

namespace DevTools.Engine.Runtimes;

/// <summary>Turns a function's runtime into the command that starts its runtime process.</summary>
public sealed class RuntimeLauncher(EngineOptions options)
{
    /// <summary>Where the bundled runtime clients are (next to the engine assembly).</summary>
    public static string RuntimeClientsDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "Runtimes");

    public ProcessStartSpec CreateSpec(FunctionConfiguration function, IReadOnlyDictionary<string, string> environment)
    {
        if (!Directory.Exists(function.CodeDirectory))
            throw new LaunchException("Runtime.InvalidWorkingDir", $"Code directory does not exist: {function.CodeDirectory}");

        var runtime = function.RuntimeDefinition
            ?? throw new LaunchException("Runtime.InvalidRuntime", $"Unknown runtime '{function.Runtime}'.");
        return runtime.Family switch
        {
            RuntimeFamily.Provided => Bootstrap(function, environment),
            RuntimeFamily.Node => new ProcessStartSpec(options.NodeExecutable,
                [Path.Combine(RuntimeClientsDirectory, "node", "index.mjs")], function.CodeDirectory, environment),
            RuntimeFamily.Python => new ProcessStartSpec(options.PythonExecutable,
                [Path.Combine(RuntimeClientsDirectory, "python", "bootstrap.py")], function.CodeDirectory, environment),
            _ => throw new LaunchException("Runtime.InvalidRuntime", $"The runtime {function.Runtime} cannot run locally."),
        };
    }

    private static ProcessStartSpec Bootstrap(FunctionConfiguration function, IReadOnlyDictionary<string, string> environment)
    {
        var bootstrap = Path.Combine(function.CodeDirectory, "bootstrap");
        if (!File.Exists(bootstrap))
            throw new LaunchException("Runtime.InvalidEntrypoint", $"Couldn't find valid bootstrap(s): [{bootstrap}]");
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(bootstrap) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) == 0)
            throw new LaunchException("Runtime.InvalidEntrypoint", $"The bootstrap is not executable: {bootstrap}");
        return new ProcessStartSpec(bootstrap, [], function.CodeDirectory, environment);
    }
}
