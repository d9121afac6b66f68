using DevTools.Engine.Catalog;
using DevTools.Engine.Isolation;

namespace DevTools.Engine.Runtimes;

/// <summary>Turns a function's runtime into the command that starts its runtime process.</summary>
public sealed class RuntimeLauncher(EngineOptions options)
{
    /// <summary>Where the bundled runtime clients are (next to the engine assembly).</summary>
    public static string RuntimeClientsDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "Runtimes");

    /// <param name="opt">The function's layers merged (Lambda's <c>/opt</c>), where a wrapper script usually comes from.</param>
    public ProcessStartSpec CreateSpec(FunctionConfiguration function, IReadOnlyDictionary<string, string> environment, string? opt = null)
    {
        var spec = CreateRuntimeSpec(function, environment);
        return function.RuntimeDefinition?.Family is RuntimeFamily.Node or RuntimeFamily.Python or RuntimeFamily.Dotnet or RuntimeFamily.Java or RuntimeFamily.Ruby
            && environment.TryGetValue(ExecWrapperVariable, out var wrapper) && wrapper.Length > 0
            ? Wrapped(spec, wrapper, opt)
            : spec;
    }

    /// <summary>Lambda starts a managed runtime through <c>AWS_LAMBDA_EXEC_WRAPPER</c>: the wrapper with the runtime's command as its arguments.</summary>
    internal const string ExecWrapperVariable = "AWS_LAMBDA_EXEC_WRAPPER";

    private static ProcessStartSpec Wrapped(ProcessStartSpec spec, string wrapper, string? opt)
    {
        // Where the environment has no /opt of its own, a wrapper from a layer is in the layers' merge.
        var onHost = opt is not null && wrapper.StartsWith(Isolation.LambdaLayout.Opt + "/", StringComparison.Ordinal)
            ? Path.Combine(opt, wrapper[(Isolation.LambdaLayout.Opt.Length + 1)..])
            : wrapper;
        if (!File.Exists(onHost))
            throw new LaunchException("Runtime.InvalidEntrypoint", $"{ExecWrapperVariable} names {wrapper}, which does not exist.");
        return spec with { FileName = onHost, Arguments = [spec.FileName, .. spec.Arguments] };
    }

    private ProcessStartSpec CreateRuntimeSpec(FunctionConfiguration function, IReadOnlyDictionary<string, string> environment)
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
            RuntimeFamily.Dotnet => Dotnet.DotnetLauncher.CreateSpec(options, function, environment),
            RuntimeFamily.Java => Java.JavaLauncher.CreateSpec(function, environment, options),
            RuntimeFamily.Ruby => Ruby.RubyLauncher.CreateSpec(function, environment, options),
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
