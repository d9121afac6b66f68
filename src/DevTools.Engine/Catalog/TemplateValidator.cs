using System.Text;
using System.Text.RegularExpressions;
using DevTools.Engine.Runtimes;

namespace DevTools.Engine.Catalog;

/// <summary>
/// The rules Lambda applies when a function is created, checked before anything runs so the user
/// hears about them where they wrote the value, not at deploy time.
/// </summary>
internal static partial class TemplateValidator
{
    /// <summary>Lambda's quota on all environment variables together (lambda-spec §5.1: 4 KB), counted as UTF-8 bytes of names and values.</summary>
    // Not in LambdaLimits yet: that file belongs to another worktree. Move it there when convenient.
    internal const int MaxEnvironmentBytes = 4 * 1024;

    private static readonly string[] Architectures = ["x86_64", "arm64"];

    /// <summary>Variables Lambda sets itself and rejects in a function's configuration (lambda-spec §4.1).</summary>
    // TZ is left out: the sources disagree on whether it is reserved.
    internal static readonly IReadOnlySet<string> ReservedVariables = new HashSet<string>(StringComparer.Ordinal)
    {
        "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_EXECUTION_ENV",
        "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION",
        "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME",
        "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
        "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR",
    };

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]+$")]
    private static partial Regex VariableName();

    // Where the engine looks for Node.js, Python, JDKs and Ruby unless told otherwise.
    private static readonly EngineOptions DefaultToolchains = new();

    public static void Validate(IReadOnlyList<FunctionDraft> functions, DiagnosticList diagnostics)
    {
        foreach (var function in functions)
        {
            CheckRange(function, "MemorySize", function.Configuration.MemorySizeMb, LambdaLimits.MinMemoryMb, LambdaLimits.MaxMemoryMb, "MB", DiagnosticCodes.MemoryOutOfRange, diagnostics);
            CheckRange(function, "Timeout", function.Configuration.TimeoutSeconds, LambdaLimits.MinTimeoutSeconds, LambdaLimits.MaxTimeoutSeconds, "seconds", DiagnosticCodes.TimeoutOutOfRange, diagnostics);
            CheckRange(function, FunctionDraft.EphemeralStorageSizePath, function.Configuration.EphemeralStorageMb, LambdaLimits.MinEphemeralStorageMb, LambdaLimits.MaxEphemeralStorageMb, "MB", DiagnosticCodes.EphemeralStorageOutOfRange, diagnostics);
            var runtime = CheckRuntime(function, diagnostics);
            CheckHandler(function, runtime, diagnostics);
            CheckEnvironment(function, diagnostics);
            CheckReservedConcurrency(function, diagnostics);
            CheckArchitecture(function, diagnostics);
        }
        CheckDuplicateNames(functions, diagnostics);
    }

    private static void CheckRange(FunctionDraft function, string property, int value, int min, int max, string unit, string code, DiagnosticList diagnostics)
    {
        if (value < min || value > max)
        {
            diagnostics.Error(code, $"{property} is {value} {unit}; Lambda accepts {min}–{max} {unit}.",
                function.LocationOf(property), function.Configuration.LogicalId);
        }
    }

    private static RuntimeDefinition? CheckRuntime(FunctionDraft function, DiagnosticList diagnostics)
    {
        var (id, name) = (function.Configuration.LogicalId, function.Configuration.Runtime);
        var at = function.LocationOf("Runtime");
        if (name.Length == 0 && function.InvalidProperties.Contains("Runtime"))
            return null;
        if (name.Length == 0)
        {
            diagnostics.Error(DiagnosticCodes.MissingRuntime, function.UnresolvedProperties.Contains("Runtime")
                ? $"Function '{id}' has a Runtime that can't be resolved locally."
                : $"Function '{id}' has no Runtime (set it on the function or in Globals.Function).", at, id);
            return null;
        }
        var runtime = RuntimeCatalog.Find(name);
        if (runtime is null)
        {
            diagnostics.Error(DiagnosticCodes.UnknownRuntime, $"'{name}' is not a Lambda runtime.", at, id);
            return null;
        }
        if (!runtime.CanRunLocally)
            diagnostics.Warning(DiagnosticCodes.RuntimeNotRunnableLocally, $"Runtime '{name}' is a Lambda runtime but cannot run locally (supported: Node.js, Python, .NET, Java, Ruby, provided*).", at, id);
        else if (runtime.Family == RuntimeFamily.Dotnet && Runtimes.Dotnet.DotnetToolchain.Find(new EngineOptions().DotnetExecutable).Problem() is { } problem)
            diagnostics.Warning(DiagnosticCodes.ToolchainMissing, $"Runtime '{name}' cannot run on this machine: {problem}", at, id);
        else if (Toolchains.IsMissing(runtime.Family, DefaultToolchains))
            diagnostics.Warning(DiagnosticCodes.ToolchainMissing, Toolchains.MissingMessage(runtime) + ".", at, id);
        if (runtime.Deprecated)
            diagnostics.Information(DiagnosticCodes.DeprecatedRuntime, $"Runtime '{name}' is deprecated by Lambda.", at, id);
        return runtime;
    }

    private static void CheckHandler(FunctionDraft function, RuntimeDefinition? runtime, DiagnosticList diagnostics)
    {
        var configuration = function.Configuration;
        // OS-only runtimes start the code's bootstrap, which may ignore the handler; everyone else needs one.
        var optional = runtime?.Family == RuntimeFamily.Provided || configuration.Runtime.StartsWith("provided", StringComparison.Ordinal);
        if (configuration.Handler.Length == 0 && !optional && !function.InvalidProperties.Contains("Handler"))
        {
            diagnostics.Error(DiagnosticCodes.MissingHandler, $"Function '{configuration.LogicalId}' has no Handler.",
                function.LocationOf("Handler"), configuration.LogicalId);
        }
    }

    private static void CheckEnvironment(FunctionDraft function, DiagnosticList diagnostics)
    {
        var id = function.Configuration.LogicalId;
        var bytes = 0;
        foreach (var (name, value) in function.Configuration.Environment)
        {
            bytes += Encoding.UTF8.GetByteCount(name) + Encoding.UTF8.GetByteCount(value);
            var at = function.EnvironmentKeyLocations.TryGetValue(name, out var key) ? key : function.LocationOf(FunctionDraft.EnvironmentVariablesPath);
            if (ReservedVariables.Contains(name))
                diagnostics.Warning(DiagnosticCodes.ReservedEnvironmentVariable, $"'{name}' is reserved: Lambda sets it and rejects functions that set it.", at, id);
            else if (!VariableName().IsMatch(name))
                diagnostics.Error(DiagnosticCodes.InvalidEnvironmentVariableName, $"'{name}' is not a valid variable name: it must start with a letter, be at least 2 characters, and use only letters, digits and '_'.", at, id);
        }
        if (bytes > MaxEnvironmentBytes)
        {
            diagnostics.Warning(DiagnosticCodes.EnvironmentTooLarge, $"Environment variables total {bytes} bytes; Lambda accepts at most {MaxEnvironmentBytes}.",
                function.LocationOf(FunctionDraft.EnvironmentVariablesPath), id);
        }
    }

    private static void CheckReservedConcurrency(FunctionDraft function, DiagnosticList diagnostics)
    {
        if (function.Configuration.ReservedConcurrentExecutions is < 0 and var value)
        {
            diagnostics.Error(DiagnosticCodes.NegativeReservedConcurrency, $"ReservedConcurrentExecutions is {value}; it cannot be negative.",
                function.LocationOf("ReservedConcurrentExecutions"), function.Configuration.LogicalId);
        }
    }

    private static void CheckArchitecture(FunctionDraft function, DiagnosticList diagnostics)
    {
        if (function.ArchitectureCount is not { } count)
            return;
        var architecture = function.Configuration.Architecture;
        if (count != 1 || !Architectures.Contains(architecture, StringComparer.Ordinal))
        {
            diagnostics.Error(DiagnosticCodes.InvalidArchitecture, count != 1
                ? $"Architectures has {count} items; Lambda takes exactly one (x86_64 or arm64)."
                : $"'{architecture}' is not a Lambda architecture (x86_64 or arm64).",
                function.LocationOf("Architectures"), function.Configuration.LogicalId);
        }
    }

    private static void CheckDuplicateNames(IReadOnlyList<FunctionDraft> functions, DiagnosticList diagnostics)
    {
        // Only explicit names can clash: Lambda gives unnamed functions a unique generated name.
        var named = functions.Where(f => f.IsSet("FunctionName") && !f.UnresolvedProperties.Contains("FunctionName"));
        foreach (var group in named.GroupBy(f => f.Configuration.FunctionName, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var first = group.First().Configuration.LogicalId;
            foreach (var duplicate in group.Skip(1))
            {
                diagnostics.Error(DiagnosticCodes.DuplicateFunctionName, $"FunctionName '{group.Key}' is already used by '{first}'.",
                    duplicate.LocationOf("FunctionName"), duplicate.Configuration.LogicalId);
            }
        }
    }
}
