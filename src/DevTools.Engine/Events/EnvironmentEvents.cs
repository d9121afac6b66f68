using System.Text.Json;

namespace DevTools.Engine.Events;

/// <summary>Why an environment was reset or retired.</summary>
public enum EnvironmentReason
{
    Idle,
    CodeChanged,
    ConfigurationChanged,
    Timeout,
    Crash,
    InitFailed,
    /// <summary>A reset environment's init failed again: it is replaced rather than retried forever.</summary>
    InitFailedAgain,
    OutOfMemory,
    Stopped,
    Shutdown,
}

public static class EnvironmentReasonNames
{
    /// <summary>The kebab-case name used on the wire and in text.</summary>
    public static string Name(this EnvironmentReason reason) => reason switch
    {
        EnvironmentReason.Idle => "idle",
        EnvironmentReason.CodeChanged => "code-changed",
        EnvironmentReason.ConfigurationChanged => "configuration-changed",
        EnvironmentReason.Timeout => "timeout",
        EnvironmentReason.Crash => "crash",
        EnvironmentReason.InitFailed => "init-failed",
        EnvironmentReason.InitFailedAgain => "init-failed-again",
        EnvironmentReason.OutOfMemory => "out-of-memory",
        EnvironmentReason.Stopped => "stopped",
        EnvironmentReason.Shutdown => "shutdown",
        _ => reason.ToString(),
    };
}

/// <summary>A new execution environment exists (a cold start is under way).</summary>
public sealed record EnvironmentCreated : LifecycleEvent
{
    public override string Type => "environment.created";
    public required string Isolation { get; init; }
    public required string TmpPath { get; init; }

    /// <summary>private-mount (the runtime's /tmp is its own capped filesystem) or directory (TMPDIR).</summary>
    public string TmpMode { get; init; } = "directory";

    public override void WriteRecord(Utf8JsonWriter w)
    {
        w.WriteString("isolation", Isolation);
        w.WriteString("tmpMode", TmpMode);
        w.WriteString("tmpPath", TmpPath);
    }
}

/// <summary>The environment's runtime process started (at init, or re-init after a reset).</summary>
public sealed record EnvironmentProcessStarted : LifecycleEvent
{
    public override string Type => "environment.processStarted";
    public required int Pid { get; init; }
    public required string Command { get; init; }

    public override void WriteRecord(Utf8JsonWriter w)
    {
        w.WriteNumber("pid", Pid);
        w.WriteString("command", Command);
    }
}

/// <summary>Every process of the environment was stopped after an invoke.</summary>
public sealed record EnvironmentFrozen : LifecycleEvent
{
    public override string Type => "environment.frozen";

    /// <summary>How long the freeze call took (it runs after the caller has its answer).</summary>
    public double FreezeMs { get; init; }

    public override void WriteRecord(Utf8JsonWriter w) => w.WriteNumber("freezeMs", Math.Round(FreezeMs, 3));
}

/// <summary>The environment was resumed to serve an invoke.</summary>
public sealed record EnvironmentThawed : LifecycleEvent
{
    public override string Type => "environment.thawed";
    public required double ThawMs { get; init; }
    public required TimeSpan FrozenFor { get; init; }

    public override void WriteRecord(Utf8JsonWriter w)
    {
        w.WriteString("requestId", RequestId);
        w.WriteNumber("thawMs", Math.Round(ThawMs, 3));
        w.WriteNumber("frozenForMs", Math.Round(FrozenFor.TotalMilliseconds, 0));
    }
}

/// <summary>The runtime process was killed but the environment (and its /tmp) is kept; the next invoke re-inits.</summary>
public sealed record EnvironmentReset : LifecycleEvent
{
    public override string Type => "environment.reset";
    public required EnvironmentReason Reason { get; init; }
    public string? Detail { get; init; }

    public override void WriteRecord(Utf8JsonWriter w)
    {
        w.WriteString("reason", Reason.Name());
        if (Detail is not null) w.WriteString("detail", Detail);
    }
}

/// <summary>The environment is gone: expired when idle, retired on change, stopped, or shut down.</summary>
public sealed record EnvironmentRetired : LifecycleEvent
{
    public override string Type => "environment.retired";
    public required EnvironmentReason Reason { get; init; }
    public int Invocations { get; init; }

    public override void WriteRecord(Utf8JsonWriter w)
    {
        w.WriteString("reason", Reason.Name());
        w.WriteNumber("invocations", Invocations);
    }
}

/// <summary>Something the user should know that is not a failure of an invoke.</summary>
public sealed record EngineWarning : LifecycleEvent
{
    public override string Type => "engine.warning";
    public required string Message { get; init; }

    public override void WriteRecord(Utf8JsonWriter w) => w.WriteString("message", Message);
}
