using System.Globalization;
using System.Text;

namespace DevTools.Engine.Events;

/// <summary>
/// Renders events as CloudWatch shows them: START / END / REPORT / INIT_START / INIT_REPORT
/// exactly as Lambda prints them, function lines as written, and this engine's environment
/// events as <c>ENVIRONMENT</c> lines.
/// </summary>
public static class LambdaTextFormatter
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The text line for an event, or null for events Lambda does not print.</summary>
    public static string? Format(LifecycleEvent e) => e switch
    {
        PlatformInitStart s => $"INIT_START Runtime Version: {s.RuntimeVersion}\tRuntime Version ARN: {s.RuntimeVersionArn ?? "arn:aws:lambda:local::runtime:" + s.RuntimeVersion}",
        PlatformInitReport r when r.Status != PlatformStatus.Success || r.Phase != InitPhase.Init => FormatInitReport(r),
        PlatformStart s => $"START RequestId: {s.RequestId} Version: {s.Version}",
        PlatformRuntimeDone d => $"END RequestId: {d.RequestId}",
        PlatformReport r => FormatReport(r),
        FunctionLog l => l.Message,
        ExtensionLog l => l.Message,
        // Lambda logs each extension's registration at init: its name and the events it takes.
        PlatformExtension x => $"EXTENSION\tName: {x.Name}\tState: {x.State}\tEvents: [{string.Join(",", x.Events)}]",
        ExtensionShutdownFailed x => $"EXTENSION\tName: {x.Name}\tState: ShutdownFailed\tReason: {x.Reason}\tError Type: {x.ErrorType} ({x.Detail})",
        EnvironmentCreated c => $"ENVIRONMENT {Short(c.EnvironmentId)} created for {c.FunctionName} (isolation: {c.Isolation}, /tmp: {c.TmpMode})",
        EnvironmentProcessStarted p => $"ENVIRONMENT {Short(p.EnvironmentId)} runtime started (pid {p.Pid})",
        EnvironmentFrozen f => $"ENVIRONMENT {Short(f.EnvironmentId)} frozen",
        EnvironmentThawed t => $"ENVIRONMENT {Short(t.EnvironmentId)} thawed after {FormatSpan(t.FrozenFor)} ({t.ThawMs.ToString("0.000", Invariant)} ms)",
        EnvironmentReset r => $"ENVIRONMENT {Short(r.EnvironmentId)} reset: {r.Reason.Name()}{(r.Detail is null ? "" : " (" + r.Detail + ")")}",
        EnvironmentRetired r when r.Reason == EnvironmentReason.Idle => $"ENVIRONMENT {Short(r.EnvironmentId)} expired after {r.Invocations} invocation(s): idle",
        EnvironmentRetired r => $"ENVIRONMENT {Short(r.EnvironmentId)} retired after {r.Invocations} invocation(s): {r.Reason.Name()}",
        EngineWarning w => $"WARNING {w.Message}",
        AsyncInvokeQueued q => $"EVENT {q.RequestId} queued for {q.FunctionName}",
        AsyncInvokeRetrying r => $"EVENT {r.RequestId} attempt {r.Attempt} failed ({r.Reason}); retrying in {FormatSpan(r.Delay)}",
        AsyncInvokeCompleted c when c.ErrorType is null => $"EVENT {c.RequestId} succeeded after {c.Attempts} attempt(s)",
        AsyncInvokeCompleted c => $"EVENT {c.RequestId} failed after {c.Attempts} attempt(s): {c.ErrorType}",
        ApiRequestReceived a => $"HTTP {a.Method} {a.Path} → {a.FunctionName} ({a.Api} {a.Route})",
        ApiResponseSent a => $"HTTP {a.StatusCode} {a.Method} {a.Path} in {a.DurationText} ms",
        BuildStarted b => $"BUILD {b.FunctionName} {b.Step}: {b.Command}",
        BuildOutput o => $"BUILD {o.FunctionName} | {o.Line}",
        BuildFinished f => FormatBuildFinished(f),
        _ => null,
    };

    private static string FormatBuildFinished(BuildFinished f)
    {
        var took = f.Status is "reused" or "skipped" ? "" : $" in {FormatSpan(TimeSpan.FromMilliseconds(f.DurationMs))}";
        var version = f.Version is null ? "" : $" (version {f.Version})";
        return f.Error is null
            ? $"BUILD {f.FunctionName} {f.Step} {f.Status}{took}{version}"
            : $"BUILD {f.FunctionName} {f.Step} {f.Status}{took}: {f.Error}";
    }

    /// <summary>The REPORT line: tab-separated fields with a trailing tab, as Lambda prints it.</summary>
    public static string FormatReport(PlatformReport r)
    {
        var m = r.Metrics;
        var sb = new StringBuilder(200);
        sb.Append("REPORT RequestId: ").Append(r.RequestId)
          .Append("\tDuration: ").Append(m.DurationMs.ToString("0.00", Invariant)).Append(" ms")
          .Append("\tBilled Duration: ").Append(m.BilledDurationMs.ToString(Invariant)).Append(" ms")
          .Append("\tMemory Size: ").Append(m.MemorySizeMb.ToString(Invariant)).Append(" MB")
          .Append("\tMax Memory Used: ").Append(m.MaxMemoryUsedMb.ToString(Invariant)).Append(" MB");
        if (m.InitDurationMs is { } init)
            sb.Append("\tInit Duration: ").Append(init.ToString("0.00", Invariant)).Append(" ms");
        sb.Append('\t');
        if (r.Status != PlatformStatus.Success)
        {
            sb.Append("Status: ").Append(r.Status);
            if (r.ErrorType is not null && r.Status != PlatformStatus.Timeout)
                sb.Append("\tError Type: ").Append(r.ErrorType);
            sb.Append('\t');
        }
        return sb.ToString();
    }

    private static string FormatInitReport(PlatformInitReport r)
    {
        var line = $"INIT_REPORT Init Duration: {r.DurationMs.ToString("0.00", Invariant)} ms\tPhase: {r.Phase.Name()}\tStatus: {r.Status}";
        return r.ErrorType is null ? line : line + "\tError Type: " + r.ErrorType;
    }

    private static string Short(string? id) => id is null ? "-" : id.Length > 8 ? id[..8] : id;

    private static string FormatSpan(TimeSpan span) =>
        span.TotalSeconds < 1 ? $"{span.TotalMilliseconds:0} ms"
        : span.TotalMinutes < 1 ? $"{span.TotalSeconds:0.0} s"
        : $"{span.TotalMinutes:0.0} min";
}
