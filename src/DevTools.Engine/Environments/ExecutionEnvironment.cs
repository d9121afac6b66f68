using System.Diagnostics;
using DevTools.Engine.Catalog;
using DevTools.Engine.Events;
using DevTools.Engine.Invocation;
using DevTools.Engine.Isolation;
using DevTools.Engine.Layers;
using DevTools.Engine.Runtimes;
using DevTools.Engine.Runtimes.Sdk;
using DevTools.Engine.RuntimeApi;
using DevTools.Engine.RuntimeApi.Extensions;

namespace DevTools.Engine.Environments;

/// <summary>
/// One execution environment: a runtime process behind its own Runtime API endpoint, with its
/// own /tmp. It serves one invoke at a time, is frozen between invokes, is reset (process
/// killed, /tmp kept) after a timeout or crash, and re-inits on the next invoke.
/// </summary>
public sealed class ExecutionEnvironment : IRuntimeSessionObserver
{
    private readonly EngineContext _context;
    private readonly RuntimeSession _session;
    private readonly RuntimeApiServer _server;
    private readonly EnvironmentSandbox _sandbox;
    private readonly EnvironmentExtensions _extensions;
    private readonly TelemetryDelivery _telemetry;

    private RuntimeProcess? _process;
    // The memory cgroup's OOM-kill count when last looked at (off the caller's path): a higher count at a crash means the limit killed it.
    private long _oomKillsSeen;
    private bool _everInitialized;
    private long _peakBytes;
    private readonly FreezeScheduler<RuntimeProcess> _freezer;

    // Signals for the phase in progress; replaced at the start of each phase.
    private TaskCompletionSource _initSignal = NewSignal();
    private RuntimeAnswer? _initError;
    // Completed with null when the process exits or the deadline passes first: one await per phase, no WhenAny.
    private TaskCompletionSource<RuntimeAnswer?> _answer = NewAnswer();
    private TaskCompletionSource _runtimeDone = NewSignal();
    private volatile bool _runtimeBack;
    private RuntimeProcess? _invokeProcess; // the runtime the current invoke was delivered to (its exit ends the invoke)
    private readonly InvokeDeadline _deadline;
    private readonly EnvironmentLifecycle _lifecycle;
    private volatile string? _currentRequestId;
    private volatile LogTail? _tail;

    internal ExecutionEnvironment(FunctionConfiguration function, int generation, EngineContext context)
    {
        _context = context;
        Function = function;
        Generation = generation;
        Id = Guid.NewGuid().ToString("N");
        CreatedAt = LastUsedAt = DateTimeOffset.UtcNow;
        _session = new RuntimeSession(this);
        _sandbox = context.Sandboxes.Create(Id, function.MemorySizeMb, function.EphemeralStorageMb);
        _extensions = new EnvironmentExtensions(_sandbox, OnExtensionLine);
        _telemetry = new TelemetryDelivery(_sandbox.CreateSocket);
        _extensions.Registry.Registered += (name, events) =>
            Publish(new PlatformExtension { FunctionName = Function.FunctionName, EnvironmentId = Id, Name = name, Events = events });
        _telemetry.Subscribed += s =>
            Publish(new PlatformTelemetrySubscription { FunctionName = Function.FunctionName, EnvironmentId = Id, Name = s.Extension, Types = s.Types });
        _server = new RuntimeApiServer(_session, _extensions.Registry, _telemetry,
            new RuntimeApi.Extensions.RegistrationInfo(function.FunctionName, LambdaLimits.LatestVersion, function.Handler, context.Options.AccountId),
            _sandbox.RuntimeApiPort, _sandbox.CreateSocket);
        _lifecycle = new EnvironmentLifecycle(e => Publish(e));
        _freezer = new FreezeScheduler<RuntimeProcess>(_sandbox.Freeze, _sandbox.Thaw, context.Options.FreezeDelay, OnFrozen);
        _deadline = new InvokeDeadline(OnDeadlinePassed);
        Publish(new EnvironmentCreated { FunctionName = function.FunctionName, EnvironmentId = Id, Isolation = Isolation, TmpPath = _sandbox.TmpHostPath, TmpMode = _sandbox.TmpMode });
        if (_sandbox.Warning is { } warning) Publish(new EngineWarning { FunctionName = function.FunctionName, EnvironmentId = Id, Message = warning });
    }

    public string Id { get; }
    public FunctionConfiguration Function { get; }

    /// <summary>The function's configuration generation this environment was created for (a change retires it).</summary>
    public int Generation { get; }

    public DateTimeOffset CreatedAt { get; }
    public DateTimeOffset LastUsedAt { get; private set; }
    public int Invocations { get; private set; }
    public EnvironmentState State => _lifecycle.State;
    public int? Pid => _process?.Pid;
    public string Isolation => _sandbox.Level;
    public string TmpMode => _sandbox.TmpMode;
    public string TmpPath => _sandbox.TmpHostPath;
    public string RuntimeApiAddress => _server.Address;

    /// <summary>The extensions registered in the environment (external ones and the runtime's internal ones).</summary>
    public IReadOnlyList<string> Extensions => _extensions.Names;
    public int MaxMemoryUsedMb => ToMb(Interlocked.Read(ref _peakBytes));

    /// <summary>True once the current invoke has its answer (the environment will be free again shortly).</summary>
    public bool IsAnswered => _answer.Task is { IsCompletedSuccessfully: true, Result: not null };

    public long TmpUsedBytes() => _sandbox.TmpUsedBytes();

    /// <summary>Set when the environment must not serve again: it retires, for this reason, once its invoke is over.</summary>
    internal EnvironmentReason? MustRetire { get; private set; }

    /// <summary>
    /// Runs one invoke through the whole lifecycle (init when needed, thaw, invoke, report, freeze).
    /// <paramref name="result"/> is completed as soon as the caller may have its answer; the returned
    /// task completes when the environment is free again.
    /// </summary>
    internal async Task RunAsync(RuntimeInvocation invocation, bool waitForReport, bool captureTail, TaskCompletionSource<InvokeResult> result)
    {
        Invocations++;
        LastUsedAt = DateTimeOffset.UtcNow;
        // Full fences: a runtime that exits from here on completes these, and one that exited before is seen below.
        Interlocked.Exchange(ref _answer, NewAnswer());
        Interlocked.Exchange(ref _runtimeDone, NewSignal());
        _runtimeBack = false;
        _tail = captureTail ? new LogTail() : null;
        var reply = new InvokeReply(result, answerEarly: !waitForReport && !captureTail);
        var requestId = invocation.RequestId;
        var invokeStart = Stopwatch.GetTimestamp();
        double? initDurationMs = null;
        var cold = _process is null;

        if (cold)
        {
            // A first init is its own phase; a re-init after a reset runs inside the invoke and counts in its duration.
            var phase = _everInitialized ? InitPhase.Invoke : InitPhase.Init;
            if (_everInitialized && !_lifecycle.MoveTo(EnvironmentState.Initializing)) throw Ended();
            InitOutcome init;
            // What the runtime resolves beyond the function's code; a first need of an SDK package fetches it (once per
            // machine), before the init starts, so that time is neither Init Duration nor the invoke's.
            var searchPaths = (await _context.RuntimeSdks.PrepareAsync(Function).ConfigureAwait(false)).With(Function, _context.Layers.OptFor(Function));
            // Likewise the environment's network, when it had to make its own (none was ready ahead of need).
            if (await _sandbox.NetworkReadyAsync().ConfigureAwait(false) is { } warning)
                Publish(new EngineWarning { FunctionName = Function.FunctionName, EnvironmentId = Id, Message = warning });
            // Inits share the machine's CPU (Lambda's each have their own): wait for a slot, outside the init's and the invoke's time.
            await _context.InitSlots.WaitAsync().ConfigureAwait(false);
            try
            {
                if (_lifecycle.HasEnded) throw Ended();
                invokeStart = Stopwatch.GetTimestamp();
                init = await InitializeAsync(phase, searchPaths, invocation.Timestamps).ConfigureAwait(false);
            }
            finally { _context.InitSlots.Release(); }
            if (init.Failure is { } failure)
            {
                Publish(new PlatformStart { FunctionName = Function.FunctionName, EnvironmentId = Id, RequestId = requestId });
                var failed = BuildResult(invocation, failure.Answer, cold, init.DurationMs, 0);
                reply.Answer(failed);
                var metrics = Finish(requestId, failure.Status, failure.ErrorType, 0, phase == InitPhase.Init ? init.DurationMs : null);
                reply.Report(failed, metrics, _tail?.ToString());
                EndInvoke();
                return;
            }
            if (phase == InitPhase.Init)
            {
                initDurationMs = init.DurationMs;
                invokeStart = Stopwatch.GetTimestamp();
            }
        }

        var process = _process!;
        Interlocked.Exchange(ref _invokeProcess, process);
        if (!_lifecycle.MoveTo(EnvironmentState.Busy, cold ? null : Thawed(requestId))) throw Ended();
        _currentRequestId = requestId;
        Publish(new PlatformStart { FunctionName = Function.FunctionName, EnvironmentId = Id, RequestId = requestId });
        invocation.DeadlineMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + Function.TimeoutSeconds * 1000L;
        _session.Deliver(invocation);
        if (_extensions.Active) _extensions.DeliverInvoke(invocation);

        // A re-init inside the invoke counts against its timeout; when it used it all up, the invoke times out at once.
        _deadline.Arm(TimeSpan.FromSeconds(Function.TimeoutSeconds) - Stopwatch.GetElapsedTime(invokeStart));
        if (process.HasExited) OnProcessExited(process);
        if (await _answer.Task.ConfigureAwait(false) is { } answer)
        {
            var durationMs = Stopwatch.GetElapsedTime(invokeStart).TotalMilliseconds;
            var answered = BuildResult(invocation, answer, cold, initDurationMs, durationMs);
            reply.Answer(answered);

            // The invoke phase lasts until the runtime is back at /next (or the deadline passes).
            await _runtimeDone.Task.ConfigureAwait(false);
            _deadline.Disarm();
            if (_runtimeBack)
            {
                process.DrainOutput();
                RuntimeDone(requestId, PlatformStatus.Success, null, durationMs, answer.Body.LongLength);
                var runtimeDoneAt = _extensions.Active ? (Time: DateTimeOffset.UtcNow, Ticks: Stopwatch.GetTimestamp()) : default; // only extensions have an overhead span
                TelemetrySpan ExtensionOverhead() => new("extensionOverhead", runtimeDoneAt.Time, Stopwatch.GetElapsedTime(runtimeDoneAt.Ticks).TotalMilliseconds);
                // The invoke is over for the environment once every extension is done with it too (the caller has its
                // answer); the REPORT counts their time after the runtime's, as Lambda's does.
                if (_extensions.Active)
                {
                    _telemetry.Flush();
                    if (await _extensions.WaitIdleAsync(TimeSpan.FromSeconds(Function.TimeoutSeconds) - Stopwatch.GetElapsedTime(invokeStart), requestId).ConfigureAwait(false) is { } extensionFailure)
                    {
                        var untilNowMs = Stopwatch.GetElapsedTime(invokeStart).TotalMilliseconds;
                        var overhead = ExtensionOverhead();
                        await ResetAsync(extensionFailure.Reason, extensionFailure.Detail).ConfigureAwait(false);
                        reply.Report(answered, Report(requestId, extensionFailure.Status, extensionFailure.ErrorType, untilNowMs, initDurationMs, overhead), _tail?.ToString());
                        EndInvoke();
                        return;
                    }
                }
                SampleMemory(process);
                _oomKillsSeen = _sandbox.OomKills(); // a child killed at the limit while the runtime lived on is not this environment's next crash
                var reportedMs = _extensions.Active ? Stopwatch.GetElapsedTime(invokeStart).TotalMilliseconds : durationMs;
                reply.Report(answered, Report(requestId, PlatformStatus.Success, null, reportedMs, initDurationMs, _extensions.Active ? ExtensionOverhead() : null), _tail?.ToString());
                if (_lifecycle.MoveTo(EnvironmentState.Idle) && _context.Freezes) _freezer.Idle(process);
                WarnWhenTmpOverCap();
                EndInvoke();
                return;
            }

            // Answered, but the runtime did not get back to /next: it ran out of time, or exited.
            var timedOut = !process.HasExited;
            if (timedOut) SampleMemory(process);
            await ResetAsync(timedOut ? EnvironmentReason.Timeout : EnvironmentReason.Crash,
                timedOut ? "the runtime did not return to /next before the deadline" : process.ExitDescription()).ConfigureAwait(false);
            var lateMetrics = Finish(requestId, timedOut ? PlatformStatus.Timeout : PlatformStatus.Success, null, durationMs, initDurationMs, answer.Body.LongLength);
            reply.Report(answered, lateMetrics, _tail?.ToString());
            EndInvoke();
            return;
        }

        _deadline.Disarm();
        var exit = process.Exit;
        var noAnswer = RuntimeFailure.OfInvoke(requestId, exit, exit is not null && _sandbox.OomKills() > _oomKillsSeen, Function.TimeoutSeconds, Function.MemorySizeMb);
        if (noAnswer.Reason != EnvironmentReason.Crash) SampleMemory(process);
        // Timeout: stop the whole environment now; /tmp stays for the next invoke.
        if (exit is null)
        {
            if (_extensions.HasExternal) process.Kill(); // the extensions' shutdown (the reset's) comes after the answer
            else await _sandbox.KillAllAsync(process).ConfigureAwait(false);
        }
        var elapsedMs = Stopwatch.GetElapsedTime(invokeStart).TotalMilliseconds;
        var failedResult = BuildResult(invocation, noAnswer.Answer, cold, initDurationMs, elapsedMs);
        reply.Answer(failedResult);
        await process.Exited.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        process.DrainOutput();
        var failMetrics = Finish(requestId, noAnswer.Status, noAnswer.ErrorType, elapsedMs, initDurationMs);
        reply.Report(failedResult, failMetrics, _tail?.ToString());
        await ResetAsync(noAnswer.Reason, noAnswer.Detail).ConfigureAwait(false);
        EndInvoke();
    }

    private static InvalidOperationException Ended() => new("the environment was stopped before the invoke could start");

    /// <summary>Stops the environment for good (Lambda's shutdown phase): SIGTERM, a grace period, SIGKILL; /tmp is removed.</summary>
    internal async Task StopAsync(EnvironmentReason reason)
    {
        if (!_lifecycle.MoveTo(EnvironmentState.Stopping)) return;
        _freezer.Forget();
        _freezer.Dispose();
        await _deadline.DisposeAsync().ConfigureAwait(false);
        var process = _process;
        _process = null;
        if (process is not null)
        {
            await ShutdownAsync(process, "spindown", graceful: true).ConfigureAwait(false);
            _sandbox.OnStopped(process);
        }
        await _extensions.KillAsync().ConfigureAwait(false);
        await _telemetry.DisposeAsync().ConfigureAwait(false);
        await _sandbox.DestroyAsync(process).ConfigureAwait(false);
        if (process is not null) await process.DisposeAsync().ConfigureAwait(false);
        _session.Reset();
        await _server.DisposeAsync().ConfigureAwait(false);
        _lifecycle.MoveTo(EnvironmentState.Stopped, new EnvironmentRetired { FunctionName = Function.FunctionName, EnvironmentId = Id, Reason = reason, Invocations = Invocations });
    }

    private async Task<InitOutcome> InitializeAsync(InitPhase phase, FunctionSearchPaths searchPaths, InvokeTimestamps timestamps)
    {
        _session.Reset();
        _initSignal = NewSignal();
        _initError = null;
        var start = Stopwatch.GetTimestamp();
        RuntimeProcess process;
        string command;
        try
        {
            if (searchPaths.LaunchError is { } launchError) throw launchError;
            var function = searchPaths.TaskRoot is { } taskRoot ? Function with { CodeDirectory = taskRoot } : Function;
            var environment = RuntimeEnvironmentVariables.Build(function, _context.Options, Id, _server.Address,
                RuntimeLauncher.RuntimeClientsDirectory, _sandbox.TmpPath, CreatedAt, searchPaths);
            var spec = _context.Launcher.CreateSpec(function, environment, searchPaths.OptDirectory) with { ReadPaths = [.. searchPaths.ReadableFolders], OptDirectory = searchPaths.OptDirectory };
            command = spec.CommandLine;
            // External extensions start with the environment, before the runtime; they may subscribe to its records.
            if (_extensions.Start(spec)) _telemetry.BeginInit();
            timestamps.ProcessStarting = Stopwatch.GetTimestamp();
            process = RuntimeProcess.Start(_sandbox.Wrap(spec), OnOutputLine);
            timestamps.ProcessStarted = Stopwatch.GetTimestamp();
            _sandbox.OnStarted(process);
            _oomKillsSeen = _sandbox.OomKills();
        }
        catch (Exception e) when (e is LaunchException or System.ComponentModel.Win32Exception or IOException)
        {
            var errorType = e is LaunchException launch ? launch.ErrorType : "Runtime.InvalidEntrypoint";
            Publish(InitStart(phase, searchPaths));
            _lifecycle.MoveTo(EnvironmentState.Idle); // no process to reset: the next invoke tries again
            return FailInit(phase, start, new RuntimeFailure(RuntimeAnswer.Error(errorType, e.Message), PlatformStatus.Error, EnvironmentReason.InitFailed, errorType));
        }

        _process = process;
        _ = process.Exited.ContinueWith(_ => OnProcessExited(process), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        Publish(new EnvironmentProcessStarted { FunctionName = Function.FunctionName, EnvironmentId = Id, Pid = process.Pid, Command = command });
        Publish(InitStart(phase, searchPaths));

        var limit = phase == InitPhase.Init ? LambdaLimits.InitPhaseTimeout : TimeSpan.FromSeconds(Function.TimeoutSeconds);
        using var timeout = new CancellationTokenSource();
        var deadline = Task.Delay(limit, timeout.Token);
        await Task.WhenAny(_initSignal.Task, process.Exited, deadline).ConfigureAwait(false);
        // Init ends when the runtime and every extension have called next.
        var extensionFailure = _extensions.Active && _initSignal.Task.IsCompleted && _initError is null
            ? await _extensions.WaitReadyAsync(deadline, limit).ConfigureAwait(false)
            : null;
        timeout.Cancel();

        _everInitialized = true; // from here on, an init is a suppressed one inside an invoke
        process.DrainOutput(); // the init's own log lines come before its records
        if (_initSignal.Task.IsCompleted && _initError is null && extensionFailure is null)
        {
            _extensions.InitDone();
            _telemetry.EndInit();
            timestamps.InitDone = _initDoneAt;
            var durationMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            Publish(new PlatformInitRuntimeDone { FunctionName = Function.FunctionName, EnvironmentId = Id, Phase = phase, Status = PlatformStatus.Success });
            Publish(new PlatformInitReport { FunctionName = Function.FunctionName, EnvironmentId = Id, Phase = phase, Status = PlatformStatus.Success, DurationMs = durationMs });
            return new InitOutcome(durationMs, null);
        }

        var failure = extensionFailure ?? RuntimeFailure.OfInit(_initError, process.Exit, limit);
        var outcome = FailInit(phase, start, failure);
        if (phase == InitPhase.Init)
        {
            await ResetAsync(EnvironmentReason.InitFailed, failure.Detail).ConfigureAwait(false);
        }
        else
        {
            // The init of a reset environment failed too: what the environment kept (its /tmp, say) may be why. Lambda
            // never promises reuse, so the environment is replaced rather than retried on every invoke.
            await ResetAsync(EnvironmentReason.InitFailedAgain, failure.Detail, announce: false).ConfigureAwait(false);
            MustRetire = EnvironmentReason.InitFailedAgain;
        }
        return outcome;
    }

    private PlatformInitStart InitStart(InitPhase phase, FunctionSearchPaths searchPaths) => new()
    {
        FunctionName = Function.FunctionName, EnvironmentId = Id, Phase = phase, RuntimeVersion = RuntimeVersion(searchPaths),
        RuntimeVersionArn = RuntimeVersionArn, InstanceMaxMemory = Function.MemorySizeMb,
    };

    /// <summary>The runtime, and the SDK it carries when the function has one here (Lambda names its runtime's release).</summary>
    private string RuntimeVersion(FunctionSearchPaths searchPaths) =>
        searchPaths.SdkVersion is { } sdk ? $"{Function.Runtime} ({sdk})" : Function.Runtime;

    private string RuntimeVersionArn => $"arn:aws:lambda:{_context.Options.Region}::runtime:{Function.Runtime}";

    private InitOutcome FailInit(InitPhase phase, long start, RuntimeFailure failure)
    {
        var durationMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        _everInitialized = true;
        Publish(new PlatformInitRuntimeDone { FunctionName = Function.FunctionName, EnvironmentId = Id, Phase = phase, Status = failure.Status, ErrorType = failure.ErrorType });
        Publish(new PlatformInitReport { FunctionName = Function.FunctionName, EnvironmentId = Id, Phase = phase, Status = failure.Status, ErrorType = failure.ErrorType, DurationMs = durationMs });
        return new InitOutcome(durationMs, failure);
    }

    /// <summary>Kills the runtime but keeps the environment and its /tmp; the next invoke starts a new runtime.</summary>
    private async Task ResetAsync(EnvironmentReason reason, string? detail, bool announce = true)
    {
        if (_lifecycle.HasEnded) return; // stopped under us (engine shutdown): nothing to reset
        _freezer.Forget();
        var process = _process;
        _process = null;
        if (process is not null)
        {
            // A reset is a shutdown for the extensions too, with the reason: they hear of it once the runtime is gone.
            if (_extensions.HasExternal)
                await ShutdownAsync(process, reason == EnvironmentReason.Timeout ? "timeout" : "failure", graceful: false).ConfigureAwait(false);
            await _sandbox.KillAllAsync(process).ConfigureAwait(false);
            _sandbox.OnStopped(process);
            await process.DisposeAsync().ConfigureAwait(false);
        }
        await _extensions.KillAsync().ConfigureAwait(false);
        _telemetry.Clear();
        _server.DropConnections();
        _session.Reset();
        _lifecycle.MoveTo(EnvironmentState.Idle, announce ? new EnvironmentReset { FunctionName = Function.FunctionName, EnvironmentId = Id, Reason = reason, Detail = detail } : null);
    }

    /// <summary>
    /// Lambda's shutdown phase: the runtime stops first (SIGTERM and its grace when <paramref name="graceful"/>, 500 ms when
    /// it carries internal extensions), then the external extensions get <c>SHUTDOWN</c> and the rest of the budget.
    /// </summary>
    private async Task ShutdownAsync(RuntimeProcess process, string reason, bool graceful)
    {
        var started = Stopwatch.GetTimestamp();
        _sandbox.Thaw(process);
        _telemetry.Pause(false);
        if (graceful)
        {
            process.SignalGroup(Native.SIGTERM);
            var grace = _extensions.HasInternal ? EnvironmentExtensions.InternalExtensionsGrace : _context.Options.ShutdownGrace;
            await process.Exited.WaitAsync(grace).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        if (!_extensions.HasExternal) return;
        process.Kill();
        await process.Exited.WaitAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        foreach (var failed in await _extensions.ShutdownAsync(reason, EnvironmentExtensions.ShutdownBudget - Stopwatch.GetElapsedTime(started)).ConfigureAwait(false))
            Publish(new ExtensionShutdownFailed { FunctionName = Function.FunctionName, EnvironmentId = Id, Name = failed.Name, Reason = failed.Reason, ErrorType = failed.ErrorType, Detail = failed.Detail });
    }

    /// <summary>Thaws the environment when the freezer froze it; what announces the thaw, if it did.</summary>
    private EnvironmentThawed? Thawed(string requestId)
    {
        if (_freezer.Resume() is not { } thawed) return null;
        _telemetry.Pause(false);
        return new EnvironmentThawed { FunctionName = Function.FunctionName, EnvironmentId = Id, RequestId = requestId, ThawMs = thawed.ThawMs, FrozenFor = thawed.FrozenFor };
    }

    /// <summary>Called by the freeze scheduler, under its lock, when the environment has been frozen.</summary>
    private void OnFrozen(double freezeMs)
    {
        _telemetry.Pause(true); // a frozen listener cannot take a batch
        _lifecycle.MoveIfStill(EnvironmentState.Idle, EnvironmentState.Frozen, new EnvironmentFrozen { FunctionName = Function.FunctionName, EnvironmentId = Id, FreezeMs = freezeMs });
    }

    /// <summary><c>platform.runtimeDone</c> (the END line): the runtime is done with the invoke.</summary>
    private void RuntimeDone(string requestId, string status, string? errorType, double durationMs, long producedBytes = 0) =>
        Publish(new PlatformRuntimeDone { FunctionName = Function.FunctionName, EnvironmentId = Id, RequestId = requestId, Status = status, ErrorType = errorType, DurationMs = durationMs, ProducedBytes = producedBytes });

    /// <summary><c>platform.report</c> (the REPORT line): the invoke is over for the environment.</summary>
    private InvokeMetrics Report(string requestId, string status, string? errorType, double durationMs, double? initDurationMs, TelemetrySpan? extensionOverhead = null)
    {
        var metrics = new InvokeMetrics(durationMs, InvokeMetrics.Billed(durationMs, initDurationMs), Function.MemorySizeMb, MaxMemoryUsedMb, initDurationMs);
        Publish(new PlatformReport { FunctionName = Function.FunctionName, EnvironmentId = Id, RequestId = requestId, Status = status, ErrorType = errorType, Metrics = metrics, ExtensionOverhead = extensionOverhead });
        return metrics;
    }

    /// <summary>Both at once, where nothing (no extension) comes between them.</summary>
    private InvokeMetrics Finish(string requestId, string status, string? errorType, double durationMs, double? initDurationMs, long producedBytes = 0)
    {
        RuntimeDone(requestId, status, errorType, durationMs, producedBytes);
        return Report(requestId, status, errorType, durationMs, initDurationMs);
    }

    private void EndInvoke()
    {
        _currentRequestId = null;
        _tail = null;
        LastUsedAt = DateTimeOffset.UtcNow;
    }

    private InvokeResult BuildResult(RuntimeInvocation invocation, RuntimeAnswer answer, bool cold, double? initDurationMs, double durationMs) => new()
    {
        Timestamps = invocation.Timestamps,
        StatusCode = 200,
        RequestId = invocation.RequestId,
        FunctionName = Function.FunctionName,
        Payload = answer.Body,
        ContentType = answer.ContentType ?? "application/json",
        FunctionError = answer.IsError ? "Unhandled" : null,
        ErrorType = answer.ErrorType,
        EnvironmentId = Id,
        ColdStart = cold,
        Metrics = new InvokeMetrics(durationMs, InvokeMetrics.Billed(durationMs, initDurationMs), Function.MemorySizeMb, MaxMemoryUsedMb, initDurationMs),
    };

    private void SampleMemory(RuntimeProcess process)
    {
        var peak = _sandbox.PeakMemoryBytes(process);
        if (peak > Interlocked.Read(ref _peakBytes)) Interlocked.Exchange(ref _peakBytes, peak);
    }

    private bool _tmpOverCapReported;
    private long _tmpCheckedAt;

    /// <summary>Without a capped filesystem the cap cannot be enforced: say so when /tmp grows past it (checked at most once a second).</summary>
    private void WarnWhenTmpOverCap()
    {
        if (_sandbox.TmpMode != TmpModes.Directory || Environment.TickCount64 - _tmpCheckedAt < 1000) return;
        _tmpCheckedAt = Environment.TickCount64;
        var used = _sandbox.TmpUsedBytes();
        var over = used > _sandbox.TmpCapBytes;
        if (over && !_tmpOverCapReported)
            Publish(new EngineWarning { FunctionName = Function.FunctionName, EnvironmentId = Id,
                Message = $"/tmp of environment {Id[..8]} holds {ToMb(used)} MB, over its {Function.EphemeralStorageMb} MB ephemeral storage (not enforced without a private /tmp mount)" });
        _tmpOverCapReported = over;
    }

    private void OnOutputLine(string line, bool isStderr)
    {
        var requestId = _currentRequestId;
        _tail?.Append(line);
        Publish(new FunctionLog { FunctionName = Function.FunctionName, EnvironmentId = Id, RequestId = requestId, Message = line, Stream = isStderr ? "stderr" : "stdout" }, toTail: false);
    }

    private void OnExtensionLine(string extension, string line)
    {
        _tail?.Append(line);
        Publish(new ExtensionLog { FunctionName = Function.FunctionName, EnvironmentId = Id, RequestId = _currentRequestId, Extension = extension, Message = line }, toTail: false);
    }

    private void Publish(LifecycleEvent e, bool toTail = true)
    {
        if (toTail && _tail is { } tail && LambdaTextFormatter.Format(e) is { } text && e is not EnvironmentCreated)
            tail.Append(text);
        _context.Events.Publish(e);
        if (_telemetry.Active) _telemetry.Offer(e); // the same records, for the environment's Telemetry API subscribers
    }

    private static int ToMb(long bytes) => (int)((bytes + 1024 * 1024 - 1) / (1024 * 1024));
    // Continuations run on the runtime's connection task that signals them: no thread hop on the invoke path.
    private static TaskCompletionSource NewSignal() => new();
    private static TaskCompletionSource<RuntimeAnswer?> NewAnswer() => new();

    private void OnDeadlinePassed()
    {
        _answer.TrySetResult(null);
        _runtimeDone.TrySetResult();
    }

    private void OnProcessExited(RuntimeProcess process)
    {
        if (!ReferenceEquals(Volatile.Read(ref _invokeProcess), process)) return; // not the runtime the current invoke runs on
        _answer.TrySetResult(null);
        _runtimeDone.TrySetResult();
    }

    // ---- what the runtime tells us through the Runtime API (called on connection tasks) ----

    private long _initDoneAt;

    void IRuntimeSessionObserver.OnInitDone()
    {
        _initDoneAt = Stopwatch.GetTimestamp();
        _initSignal.TrySetResult();
    }

    void IRuntimeSessionObserver.OnInitError(string errorType, byte[] body)
    {
        _initError = new RuntimeAnswer(body.Length > 0 ? body : ErrorBodies.Create(errorType, "Init failed"), "application/json", errorType);
        _initSignal.TrySetResult();
    }

    void IRuntimeSessionObserver.OnResponse(RuntimeInvocation invocation, byte[] body, string? contentType) =>
        _answer.TrySetResult(new RuntimeAnswer(body, contentType, null));

    void IRuntimeSessionObserver.OnResponseTooLarge(RuntimeInvocation invocation, long size) =>
        _answer.TrySetResult(RuntimeAnswer.Error("Function.ResponseSizeTooLarge",
            $"Response payload size ({size} bytes) exceeded maximum allowed payload size ({LambdaLimits.MaxResponseBytes} bytes)."));

    void IRuntimeSessionObserver.OnError(RuntimeInvocation invocation, string errorType, byte[] body) =>
        _answer.TrySetResult(new RuntimeAnswer(body.Length > 0 ? body : ErrorBodies.Create(errorType, ""), "application/json", errorType));

    void IRuntimeSessionObserver.OnRuntimeDone(RuntimeInvocation invocation)
    {
        _runtimeBack = true;
        _runtimeDone.TrySetResult();
    }
}
