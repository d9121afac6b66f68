using System.Collections.Concurrent;
using System.Diagnostics;
using DevTools.Engine.Catalog;
using DevTools.Engine.Events;

namespace DevTools.Engine.Runtimes.Sdk;

/// <summary>
/// Gives each function the SDK its Lambda runtime would carry: before a cold start it reads which SDK packages the
/// function's source imports and does not bundle, fetches the missing ones into the per-machine cache (once per
/// machine; shown as <c>build.*</c> events), and says where the runtime resolves them from. The answer is kept per
/// function until its code changes, so warm and later cold starts pay nothing. It readies .NET functions the same way
/// (the .NET that runs them, a project folder's publish).
/// </summary>
public sealed class RuntimeSdkProvider(EngineOptions options, LifecycleEventHub events)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<Preparation>>> _prepared = new(StringComparer.Ordinal);
    private Task<PythonSdkLocation>? _pythonLocation;

    public NodeRuntimeSdk Node { get; } = new(options.RuntimeSdkDirectory ?? RuntimeSdkCache.DefaultDirectory);
    public PythonRuntimeSdk Python { get; } = new(options.RuntimeSdkDirectory ?? RuntimeSdkCache.DefaultDirectory, options.PythonExecutable);

    private sealed record Preparation(FunctionSearchPaths Paths, RuntimeSdkReport? Report);

    /// <summary>The search paths for a function's next runtime process, installing what it needs first.</summary>
    public async Task<FunctionSearchPaths> PrepareAsync(FunctionConfiguration function) =>
        (await PrepareCoreAsync(function).ConfigureAwait(false)).Paths;

    /// <summary>
    /// As <see cref="PrepareAsync"/>, with what was found or installed (for <c>lambda/build</c>). A fetch that failed
    /// before (offline, say) is tried again: a cold start keeps the failure, a build looks again.
    /// </summary>
    public async Task<RuntimeSdkReport?> CheckAsync(FunctionConfiguration function)
    {
        if (_prepared.TryGetValue(Key(function), out var known) && known.IsValueCreated
            && known.Value is { IsCompletedSuccessfully: true, Result.Report.Status: RuntimeSdkStatuses.Failed })
            _prepared.TryRemove(new KeyValuePair<string, Lazy<Task<Preparation>>>(Key(function), known));
        var preparation = PrepareCoreAsync(function);
        var earlier = preparation.IsCompleted;
        var report = (await preparation.ConfigureAwait(false)).Report;
        // What an earlier check installed is simply there now.
        return earlier && report?.Status == RuntimeSdkStatuses.Installed ? report with { Status = RuntimeSdkStatuses.Ready } : report;
    }

    /// <summary>Forgets what was found for functions in this folder (its code changed: it may import something new).</summary>
    public void Forget(string codeDirectory)
    {
        foreach (var key in _prepared.Keys.Where(k => k.StartsWith(codeDirectory + "\n", StringComparison.Ordinal)))
            _prepared.TryRemove(key, out _);
    }

    private Task<Preparation> PrepareCoreAsync(FunctionConfiguration function)
    {
        var key = Key(function);
        var lazy = _prepared.GetOrAdd(key, _ => new Lazy<Task<Preparation>>(() => Task.Run(() => PrepareUncachedAsync(function))));
        var task = lazy.Value;
        if (task.IsFaulted) _prepared.TryRemove(new KeyValuePair<string, Lazy<Task<Preparation>>>(key, lazy)); // try again next time
        return task;
    }

    private static string Key(FunctionConfiguration function) =>
        $"{function.CodeDirectory}\n{function.DependenciesDirectory}\n{function.Runtime}\n{function.FunctionName}";

    private Task<Preparation> PrepareUncachedAsync(FunctionConfiguration function) => function.RuntimeDefinition?.Family switch
    {
        RuntimeFamily.Node => PrepareNodeAsync(function),
        RuntimeFamily.Python => PreparePythonAsync(function),
        RuntimeFamily.Dotnet => PrepareDotnetAsync(function),
        // No SDK to fetch: INIT_START names the JDK or Ruby that runs the runtime instead.
        RuntimeFamily.Java or RuntimeFamily.Ruby => Task.FromResult(new Preparation(
            FunctionSearchPaths.None with { SdkVersion = Toolchains.Find(function.RuntimeDefinition!, options)?.ToString() }, null)),
        _ => Task.FromResult(new Preparation(FunctionSearchPaths.None, null)),
    };

    private async Task<Preparation> PrepareNodeAsync(FunctionConfiguration function)
    {
        var dependencies = function.DependenciesDirectory is { } built ? new[] { Path.Combine(built, "node_modules") } : [];
        var needed = SourceScanner.JavaScriptSdkPackages(function.CodeDirectory)
            .Where(package => !BundledByFunction(function, package, dependencies)).ToList();
        var report = needed.Count == 0 ? null : await InstallNodeAsync(needed, function.FunctionName).ConfigureAwait(false);
        var runtimePaths = Directory.Exists(Node.ModulesDirectory) ? new[] { Node.ModulesDirectory } : [];
        var paths = new FunctionSearchPaths(dependencies, runtimePaths, dependencies.Length > 0 || needed.Count > 0,
            Node.Version is { } version ? $"AWS SDK for JavaScript {version}" : null);
        return new Preparation(paths, report);
    }

    /// <summary>Installs whichever of these <c>@aws-sdk/*</c> packages the cache lacks, as a build step of <paramref name="requester"/>.</summary>
    public async Task<RuntimeSdkReport> InstallNodeAsync(IReadOnlyList<string> packages, string requester)
    {
        var missing = packages.Where(p => !Node.Has(p)).ToList();
        if (missing.Count == 0) return new RuntimeSdkReport("nodejs", RuntimeSdkStatuses.Ready, Node.Version, Node.ModulesDirectory, packages, null);
        var failure = await InstallAsync(requester, "npm", "npm " + string.Join(' ', NodeRuntimeSdk.InstallArguments(missing)), Node.Directory,
            onLine => Node.InstallAsync(missing, onLine, CancellationToken.None), () => Node.Version).ConfigureAwait(false);
        return failure is null
            ? new RuntimeSdkReport("nodejs", RuntimeSdkStatuses.Installed, Node.Version, Node.ModulesDirectory, packages, null)
            : new RuntimeSdkReport("nodejs", RuntimeSdkStatuses.Failed, Node.Version, Node.ModulesDirectory, missing, failure);
    }

    /// <summary>Makes boto3 importable by python3.* functions (the interpreter's own, else the cache's), installing it when neither has it.</summary>
    public async Task<RuntimeSdkReport> EnsurePythonAsync(string requester)
    {
        var location = await LocatePythonSdkAsync().ConfigureAwait(false);
        if (location.Found) return new RuntimeSdkReport("python", RuntimeSdkStatuses.Ready, location.Version, location.Location, ["boto3"], null);
        var failure = await InstallAsync(requester, "python", Python.InstallCommand, Python.Directory,
            onLine => Python.InstallAsync(onLine, CancellationToken.None), () => null).ConfigureAwait(false);
        _pythonLocation = null;
        location = await LocatePythonSdkAsync().ConfigureAwait(false);
        return new RuntimeSdkReport("python", failure is null && location.Found ? RuntimeSdkStatuses.Installed : RuntimeSdkStatuses.Failed,
            location.Version, location.Location, ["boto3"], failure ?? (location.Found ? null : "boto3 was installed but cannot be found"));
    }

    private async Task<Preparation> PreparePythonAsync(FunctionConfiguration function)
    {
        var dependencies = function.DependenciesDirectory is { } built ? new[] { Path.Combine(built, "python") } : [];
        var needed = SourceScanner.ImportsBoto3(function.CodeDirectory)
            && !new[] { function.CodeDirectory }.Concat(dependencies).Any(folder => Directory.Exists(Path.Combine(folder, "boto3")));
        var report = needed ? await EnsurePythonAsync(function.FunctionName).ConfigureAwait(false) : null;
        // The cache's copy goes on the path whenever it is there (no process needed to know); the interpreter's is there already.
        var runtimePaths = File.Exists(Path.Combine(Python.Directory, "boto3", "__init__.py")) ? new[] { Python.Directory } : [];
        var paths = new FunctionSearchPaths(dependencies, runtimePaths, false, report?.Version is { } version ? $"boto3 {version}" : null);
        return new Preparation(paths, report);
    }

    /// <summary>
    /// A .NET function runs on the machine's newest .NET (named in INIT_START); a project folder is published first, and
    /// again after a change (the publish is its code, as Lambda's <c>/var/task</c>).
    /// </summary>
    private async Task<Preparation> PrepareDotnetAsync(FunctionConfiguration function)
    {
        var version = Dotnet.DotnetToolchain.Find(options.DotnetExecutable).Newest is { } newest ? $".NET {newest}" : null;
        var paths = new FunctionSearchPaths([], [], false, version);
        var project = Dotnet.DotnetProject.Find(function.CodeDirectory, out var error);
        if (error is not null) return new Preparation(paths with { LaunchError = new LaunchException("Runtime.InvalidEntrypoint", error) }, null);
        if (project is null) return new Preparation(paths, null);
        var published = await new Dotnet.DotnetPublisher(options, events).PublishAsync(function.FunctionName, project).ConfigureAwait(false);
        return new Preparation(published.Error is { } failed
            ? paths with { LaunchError = new LaunchException("Runtime.InvalidEntrypoint", $"The project {project.Path} could not be published: {failed}") }
            : paths with { TaskRoot = published.Directory }, null);
    }

    private Task<PythonSdkLocation> LocatePythonSdkAsync() =>
        _pythonLocation is { IsCompletedSuccessfully: true, Result.Found: true } known ? known : (_pythonLocation = Python.LocateAsync(CancellationToken.None));

    /// <summary>True when the function brings the package itself: Node.js finds it before the runtime's.</summary>
    private static bool BundledByFunction(FunctionConfiguration function, string package, IEnumerable<string> dependencyModules)
    {
        for (var folder = function.CodeDirectory; folder is not null; folder = Path.GetDirectoryName(folder))
            if (File.Exists(Path.Combine(folder, "node_modules", package, "package.json"))) return true;
        return dependencyModules.Any(modules => File.Exists(Path.Combine(modules, package, "package.json")));
    }

    /// <summary>Runs one install as a build step of the function that needed it. Returns null on success, else why it failed.</summary>
    private async Task<string?> InstallAsync(string functionName, string tool, string command, string directory,
        Func<Action<string>, Task<Build.ToolOutcome>> install, Func<string?> version)
    {
        var started = Stopwatch.GetTimestamp();
        events.Publish(new BuildStarted { FunctionName = functionName, Step = BuildSteps.RuntimeSdk, Tool = tool, Command = command, Directory = directory });
        string? error;
        try
        {
            var outcome = await install(line => events.Publish(new BuildOutput { FunctionName = functionName, Step = BuildSteps.RuntimeSdk, Line = line })).ConfigureAwait(false);
            error = outcome.Succeeded ? null : outcome.Describe(tool) + OfflineHint;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
        {
            error = e.Message + OfflineHint;
        }
        events.Publish(new BuildFinished
        {
            FunctionName = functionName,
            Step = BuildSteps.RuntimeSdk,
            Status = error is null ? RuntimeSdkStatuses.Installed : RuntimeSdkStatuses.Failed,
            DurationMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            Directory = directory,
            Version = error is null ? version() : null,
            Error = error,
        });
        return error;
    }

    private const string OfflineHint = ". The runtime-provided SDK is fetched once per machine; when the registry can be reached, run: devtools sdk install";
}
