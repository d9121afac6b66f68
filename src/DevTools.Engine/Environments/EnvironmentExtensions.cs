using System.Text.Json;
using DevTools.Engine.Events;
using DevTools.Engine.Isolation;
using DevTools.Engine.RuntimeApi;
using DevTools.Engine.RuntimeApi.Extensions;

namespace DevTools.Engine.Environments;

/// <summary>
/// An environment's extensions: the external ones' processes (every executable in <c>/opt/extensions</c>, started before
/// the runtime in the environment's sandbox, so frozen, limited and killed with it) and the Extensions API registry that
/// they, and internal extensions of the runtime process, talk to. The environment's phases wait on them here.
/// </summary>
internal sealed class EnvironmentExtensions
{
    /// <summary>Lambda's shutdown budget with external extensions: the runtime's grace first, the rest for them.</summary>
    public static readonly TimeSpan ShutdownBudget = TimeSpan.FromMilliseconds(2000);

    /// <summary>The runtime's share of the shutdown phase when it carries internal extensions (and its whole budget without external ones).</summary>
    public static readonly TimeSpan InternalExtensionsGrace = TimeSpan.FromMilliseconds(500);

    // Lambda hides these from extensions (RAPID: any name starting with '_', and AWS_XRAY_CONTEXT_MISSING).
    private static readonly string[] Hidden = ["AWS_EXECUTION_ENV", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_XRAY_CONTEXT_MISSING",
        "AWS_XRAY_DAEMON_ADDRESS", "LAMBDA_RUNTIME_DIR", "LAMBDA_TASK_ROOT"];

    private readonly EnvironmentSandbox _sandbox;
    private readonly Action<string, string> _onLine;
    private readonly List<(string Name, RuntimeProcess Process)> _processes = [];
    private volatile InitErrorReport? _initError;

    /// <param name="onLine">Called with an extension's name and each line it writes.</param>
    public EnvironmentExtensions(EnvironmentSandbox sandbox, Action<string, string> onLine)
    {
        _sandbox = sandbox;
        _onLine = onLine;
        Registry.ErrorReported += (name, errorType, duringInit) => { if (duringInit) _initError = new InitErrorReport(name, errorType); };
    }

    public ExtensionRegistry Registry { get; } = new();

    /// <summary>True when the environment runs with extensions (external ones, or internal ones the runtime registered).</summary>
    public bool Active => _processes.Count > 0 || Registry.Count > 0;

    /// <summary>True when extensions run as processes of their own (from <c>/opt/extensions</c>).</summary>
    public bool HasExternal => _processes.Count > 0;

    /// <summary>True when the runtime process registered extensions of its own (internal extensions).</summary>
    public bool HasInternal => Registry.Names.Except(_processes.Select(p => p.Name)).Any();

    public IReadOnlyList<string> Names => Registry.Names;

    /// <summary>Starts every executable of <c>extensions/</c> in the function's layers; false when there are none.</summary>
    public bool Start(ProcessStartSpec runtime)
    {
        _initError = null;
        var folder = runtime.OptDirectory is { } opt ? Path.Combine(opt, "extensions") : null;
        if (folder is null || !Directory.Exists(folder)) return false;
        foreach (var file in Directory.GetFiles(folder).Where(IsExecutable).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            var environment = runtime.Environment.Where(v => !v.Key.StartsWith('_') && !Hidden.Contains(v.Key)).ToDictionary();
            var spec = new ProcessStartSpec(file, [], runtime.WorkingDirectory, environment) { ReadPaths = runtime.ReadPaths, OptDirectory = runtime.OptDirectory };
            var process = RuntimeProcess.Start(_sandbox.Wrap(spec), (line, _) => _onLine(name, line));
            _sandbox.OnStarted(process);
            _processes.Add((name, process));
        }
        return _processes.Count > 0;
    }

    /// <summary>
    /// Waits until every extension is through its init: each one started has registered and every registered one has
    /// called <c>next</c>. Returns what failed (an extension that exited or reported an init error), or null; a
    /// <paramref name="deadline"/> reached first is a timeout.
    /// </summary>
    public Task<RuntimeFailure?> WaitReadyAsync(Task deadline, TimeSpan limit)
    {
        var started = _processes.Select(p => p.Name).ToList();
        return WaitAsync(() => Registry.AllReady(started), deadline, crashed =>
            _initError is { } reported
                ? Failure(reported.ErrorType, $"Extension {reported.Name} failed to initialize", EnvironmentReason.InitFailed)
                : crashed is var (name, process)
                    ? Failure("Extension.Crash", $"Extension {name} exited with {process.ExitDescription()} during init", EnvironmentReason.InitFailed)
                    : null,
            () => new RuntimeFailure(RuntimeAnswer.Error("Sandbox.Timedout", $"Init timed out after {limit.TotalSeconds:0.00} seconds: extensions not ready"),
                PlatformStatus.Timeout, EnvironmentReason.InitFailed, "Sandbox.Timedout"));
    }

    /// <summary>Registration closes with the init phase.</summary>
    public void InitDone() => Registry.CloseRegistration();

    /// <summary>Hands the invoke to every extension registered for <c>INVOKE</c>, as the runtime gets it.</summary>
    public void DeliverInvoke(RuntimeInvocation invocation)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["eventType"] = EventTypes.Invoke,
            ["deadlineMs"] = invocation.DeadlineMs,
            ["requestId"] = invocation.RequestId,
            ["invokedFunctionArn"] = invocation.InvokedFunctionArn,
            ["tracing"] = new Dictionary<string, string> { ["type"] = "X-Amzn-Trace-Id", ["value"] = invocation.TraceId },
        });
        Registry.Deliver(EventTypes.Invoke, body);
    }

    /// <summary>
    /// The runtime is back at <c>next</c>: waits until every extension is done with the invoke too (it may freeze only
    /// then). Null when they are; else why not: one exited (<c>Extension.Crash</c>) or the deadline passed first.
    /// Either way the lines they wrote until then have been delivered (they belong before the invoke's REPORT).
    /// </summary>
    public async Task<RuntimeFailure?> WaitIdleAsync(TimeSpan within, string requestId)
    {
        try { return Registry.AllIdle ? null : await WaitUntilIdleAsync(within, requestId).ConfigureAwait(false); }
        finally
        {
            foreach (var (_, process) in _processes) process.DrainOutput();
        }
    }

    private async Task<RuntimeFailure?> WaitUntilIdleAsync(TimeSpan within, string requestId)
    {
        using var timeout = new CancellationTokenSource();
        var deadline = Task.Delay(within < TimeSpan.Zero ? TimeSpan.Zero : within, timeout.Token);
        try
        {
            return await WaitAsync(() => Registry.AllIdle, deadline, crashed => crashed is var (name, process)
                    ? Failure("Extension.Crash", $"RequestId: {requestId} Error: extension {name} exited with {process.ExitDescription()}", EnvironmentReason.Crash)
                    : null,
                () => new RuntimeFailure(RuntimeAnswer.Error("Sandbox.Timedout", $"RequestId: {requestId} Error: an extension was not done with the invoke before the deadline"),
                    PlatformStatus.Timeout, EnvironmentReason.Timeout, "an extension was not done with the invoke before the deadline")).ConfigureAwait(false);
        }
        finally { timeout.Cancel(); }
    }

    /// <summary>
    /// Re-checks, at every change of the registry or exit of an extension, until <paramref name="done"/> holds (null), a
    /// failure shows (given the first extension that exited, if one did), or the deadline passes.
    /// </summary>
    private async Task<RuntimeFailure?> WaitAsync(Func<bool> done, Task deadline, Func<(string Name, RuntimeProcess Process)?, RuntimeFailure?> failure, Func<RuntimeFailure> timedOut)
    {
        while (true)
        {
            var changed = Registry.Changed; // taken before the checks, so a change between them still wakes the wait
            (string, RuntimeProcess)? crashed = _processes.FirstOrDefault(p => p.Process.HasExited) is { Name: not null } exited ? exited : null;
            if (failure(crashed) is { } failed) return failed;
            if (done()) return null;
            if (deadline.IsCompleted) return timedOut();
            await Task.WhenAny(_processes.Select(p => p.Process.Exited).Append(changed).Append(deadline)).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Lambda's shutdown phase for extensions, once the runtime is stopped (also a reset's, with reason <c>timeout</c> or
    /// <c>failure</c>): <c>SHUTDOWN</c> to those registered for it, which get the rest of the phase's budget to exit; the
    /// others are killed at once, as RAPID does. Every extension is gone on return; those that crashed or outlived the
    /// deadline are returned.
    /// </summary>
    public async Task<IReadOnlyList<ExtensionShutdownFailure>> ShutdownAsync(string reason, TimeSpan remaining)
    {
        var deadline = DateTimeOffset.UtcNow + (remaining < TimeSpan.Zero ? TimeSpan.Zero : remaining);
        var subscribers = Registry.NamesRegisteredFor(EventTypes.Shutdown);
        Registry.Deliver(EventTypes.Shutdown, JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["eventType"] = EventTypes.Shutdown,
            ["shutdownReason"] = reason,
            ["deadlineMs"] = deadline.ToUnixTimeMilliseconds(),
        }));
        var waiting = _processes.Where(p => subscribers.Contains(p.Name)).ToList();
        foreach (var (_, process) in _processes.Except(waiting)) Kill(process);
        await Task.WhenAll(waiting.Select(p => p.Process.Exited)).WaitAsync(deadline - DateTimeOffset.UtcNow).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

        var failures = new List<ExtensionShutdownFailure>();
        foreach (var (name, process) in waiting)
        {
            if (process.Exit is not { } exit)
                failures.Add(new ExtensionShutdownFailure(name, reason, "Extension.ShutdownTimeout", "still running at the shutdown deadline; killed"));
            else if (exit.Code != 0)
                failures.Add(new ExtensionShutdownFailure(name, reason, "Extension.Crash", "exited with " + exit.Description));
        }
        await KillAsync().ConfigureAwait(false);
        return failures;
    }

    /// <summary>Kills every extension process (a reset or the end of the shutdown phase) and forgets the registrations.</summary>
    public async Task KillAsync()
    {
        foreach (var (_, process) in _processes)
        {
            Kill(process);
            await process.DisposeAsync().ConfigureAwait(false);
        }
        _processes.Clear();
        Registry.Reset();
    }

    private void Kill(RuntimeProcess process)
    {
        _sandbox.Thaw(process);
        process.Kill();
        _sandbox.OnStopped(process);
    }

    private static RuntimeFailure Failure(string errorType, string message, EnvironmentReason reason) =>
        new(RuntimeAnswer.Error(errorType, message), PlatformStatus.Error, reason, errorType);

    private sealed record InitErrorReport(string Name, string ErrorType);

    private static bool IsExecutable(string file) =>
        OperatingSystem.IsWindows() || (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}

/// <summary>An extension that did not end its shutdown phase cleanly (it crashed, or was still running at the deadline).</summary>
internal sealed record ExtensionShutdownFailure(string Name, string Reason, string ErrorType, string Detail);
