namespace DevTools.Engine;

/// <summary>How an engine runs its environments. Defaults mirror Lambda (see <see cref="LambdaLimits"/>).</summary>
public sealed record EngineOptions
{
    /// <summary>Concurrent environments across functions without a reservation (Lambda's account concurrency).</summary>
    public int ConcurrencyLimit { get; init; } = LambdaLimits.DefaultConcurrencyLimit;

    /// <summary>How long an idle environment stays warm.</summary>
    public TimeSpan KeepWarm { get; init; } = LambdaLimits.DefaultKeepWarm;

    /// <summary>Whether environments are frozen between invokes (they are in Lambda).</summary>
    public bool Freeze { get; init; } = true;

    /// <summary>
    /// How long an environment stays idle before it is frozen. A tiny delay lets back-to-back invokes skip
    /// a freeze and a thaw; zero freezes the moment the runtime is back at <c>/next</c>.
    /// </summary>
    public TimeSpan FreezeDelay { get; init; } = TimeSpan.FromMilliseconds(1);

    /// <summary>
    /// How many environments may run their init at once. In Lambda every environment has its own CPU; locally they
    /// share the machine's, and dozens of runtimes starting together each get a sliver of it, so their inits (and a
    /// re-init, which has only the function's timeout) run out of time and start over. Waiting for a slot counts
    /// neither as init nor as invoke time.
    /// </summary>
    public int MaxConcurrentInits { get; init; } = 2 * Environment.ProcessorCount;

    /// <summary>The isolation level to use; <see cref="Isolation.IsolationMode.Best"/> picks the strongest this machine allows.</summary>
    public Isolation.IsolationMode Isolation { get; init; } = DevTools.Engine.Isolation.IsolationMode.Best;

    /// <summary>
    /// Keep environments on the machine's network (the Runtime API on a free port of its loopback, services of the
    /// machine at 127.0.0.1) even where each could have a network namespace of its own.
    /// </summary>
    public bool SharedNetwork { get; init; }

    /// <summary>How long a retiring runtime has between SIGTERM and SIGKILL (Lambda gives 300 ms without extensions).</summary>
    public TimeSpan ShutdownGrace { get; init; } = LambdaLimits.ShutdownGrace;

    /// <summary>Retire a function's environments when files under its code directory change.</summary>
    public bool WatchCode { get; init; } = true;

    /// <summary>Delays before the retries of a failed Event invoke (Lambda waits about one, then two minutes).</summary>
    public IReadOnlyList<TimeSpan> AsyncRetryDelays { get; init; } = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2)];

    /// <summary>How long an Event invoke may wait in the queue (throttled) before it is dropped.</summary>
    public TimeSpan MaxEventAge { get; init; } = TimeSpan.FromHours(6);

    public string Region { get; init; } = LambdaLimits.DefaultRegion;
    public string AccountId { get; init; } = LambdaLimits.DefaultAccountId;

    /// <summary>The Node.js executable for nodejs* runtimes.</summary>
    public string NodeExecutable { get; init; } = "node";

    /// <summary>The Python executable for python3.* runtimes.</summary>
    public string PythonExecutable { get; init; } = "python3";

    /// <summary>The JDK for java* runtimes (its folder); null: for each runtime, the best of JAVA_HOME's, PATH's and <c>/usr/lib/jvm</c>'s (see <see cref="Runtimes.Java.JdkLocator"/>).</summary>
    public string? JavaHome { get; init; }

    /// <summary>The Ruby executable for ruby* runtimes.</summary>
    public string RubyExecutable { get; init; } = "ruby";
    /// <summary>The .NET host (<c>dotnet</c>) for dotnet* runtimes.</summary>
    public string DotnetExecutable { get; init; } = "dotnet";

    /// <summary>Where the runtime-provided SDKs are cached (see <see cref="Runtimes.Sdk.RuntimeSdkCache.DefaultDirectory"/> when null).</summary>
    public string? RuntimeSdkDirectory { get; init; }

    /// <summary>Where environments keep their files; a per-user temp folder when null.</summary>
    public string? WorkspaceDirectory { get; init; }

    /// <summary>Variables passed to every function on top of its own (e.g. credentials the user chose to pass).</summary>
    public IReadOnlyDictionary<string, string> ExtraEnvironment { get; init; } = new Dictionary<string, string>();
}
