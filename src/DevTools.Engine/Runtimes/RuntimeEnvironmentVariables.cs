using DevTools.Engine.Catalog;
using DevTools.Engine.Runtimes.Sdk;

namespace DevTools.Engine.Runtimes;

/// <summary>
/// The complete environment of a runtime process: the function's variables, then Lambda's
/// reserved ones on top (they always win, as in Lambda). Nothing else of the host leaks in
/// except PATH, which locally is where node, python3 and a bootstrap's tools live.
/// </summary>
public static class RuntimeEnvironmentVariables
{
    public static Dictionary<string, string> Build(
        FunctionConfiguration function,
        EngineOptions options,
        string environmentId,
        string runtimeApiAddress,
        string runtimeDirectory,
        string tmpPath,
        DateTimeOffset createdAt,
        FunctionSearchPaths? searchPaths = null)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in function.Environment) env[key] = value;
        foreach (var (key, value) in options.ExtraEnvironment) env[key] = value;

        env["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin";
        env["LANG"] = "en_US.UTF-8";
        env["TZ"] = ":UTC";
        env["TMPDIR"] = tmpPath;

        env["AWS_LAMBDA_RUNTIME_API"] = runtimeApiAddress;
        env["_HANDLER"] = function.Handler;
        env["LAMBDA_TASK_ROOT"] = function.CodeDirectory;
        env["LAMBDA_RUNTIME_DIR"] = runtimeDirectory;
        env["AWS_LAMBDA_FUNCTION_NAME"] = function.FunctionName;
        env["AWS_LAMBDA_FUNCTION_VERSION"] = LambdaLimits.LatestVersion;
        env["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = function.MemorySizeMb.ToString(System.Globalization.CultureInfo.InvariantCulture);
        env["AWS_LAMBDA_LOG_GROUP_NAME"] = "/aws/lambda/" + function.FunctionName;
        env["AWS_LAMBDA_LOG_STREAM_NAME"] = $"{createdAt:yyyy/MM/dd}/[{LambdaLimits.LatestVersion}]{environmentId}";
        env["AWS_LAMBDA_INITIALIZATION_TYPE"] = "on-demand";
        env["AWS_REGION"] = options.Region;
        env["AWS_DEFAULT_REGION"] = options.Region;
        env["AWS_XRAY_CONTEXT_MISSING"] = "LOG_ERROR";
        if (function.RuntimeDefinition?.ExecutionEnv is { } executionEnv) env["AWS_EXECUTION_ENV"] = executionEnv;
        else env.Remove("AWS_EXECUTION_ENV");
        if (searchPaths is not null) AddSearchPaths(env, function.RuntimeDefinition?.Family, searchPaths);
        return env;
    }

    /// <summary>
    /// Where the runtime looks for modules beyond the function's code: Node.js reads Lambda's own variable (a function
    /// that sets NODE_PATH keeps its own, as on Lambda); our Python client puts the build's folders right after the code
    /// and the runtime's SDK last, where Lambda has <c>/var/task</c> and <c>/var/runtime</c>.
    /// </summary>
    private static void AddSearchPaths(Dictionary<string, string> env, RuntimeFamily? family, FunctionSearchPaths paths)
    {
        switch (family)
        {
            case RuntimeFamily.Node:
                if (!env.ContainsKey("NODE_PATH") && paths.All.Any()) env["NODE_PATH"] = string.Join(':', paths.All);
                if (paths.EsmNeedsSearchPaths) env[EsmSearchPathsVariable] = "1";
                break;
            case RuntimeFamily.Python:
                if (paths.DependencyPaths.Count + paths.LayerPaths.Count > 0) env[PythonDependencyPathsVariable] = string.Join(':', paths.DependencyPaths.Concat(paths.LayerPaths));
                if (paths.RuntimePaths.Count > 0) env[PythonRuntimePathsVariable] = string.Join(':', paths.RuntimePaths);
                break;
            case RuntimeFamily.Java or RuntimeFamily.Ruby:
                // Their clients look where Lambda's look in /opt (java/lib; ruby/lib, ruby/gems/<version>).
                if (paths.OptDirectory is { } layers) env[LayersVariable] = layers;
                break;
        }
        // Every runtime: a layer's bin and lib, as /opt/bin and /opt/lib are on Lambda's PATH and LD_LIBRARY_PATH.
        if (paths.OptDirectory is { } opt)
        {
            Prepend(env, "PATH", Path.Combine(opt, "bin"));
            Prepend(env, "LD_LIBRARY_PATH", Path.Combine(opt, "lib"));
        }
    }

    private static void Prepend(Dictionary<string, string> env, string name, string folder)
    {
        if (Directory.Exists(folder)) env[name] = env.TryGetValue(name, out var rest) && rest.Length > 0 ? folder + ":" + rest : folder;
    }

    // Read and removed by the bundled runtime clients before the function's code runs.
    internal const string EsmSearchPathsVariable = "_DEVTOOLS_ESM_NODE_PATH";
    internal const string PythonDependencyPathsVariable = "_DEVTOOLS_PYTHON_TASK_PATHS";
    internal const string PythonRuntimePathsVariable = "_DEVTOOLS_PYTHON_RUNTIME_PATHS";
    // The layers' folder for the Java and Ruby clients (a JVM cannot remove a variable: Java functions see it).
    internal const string LayersVariable = "_DEVTOOLS_OPT";
}
