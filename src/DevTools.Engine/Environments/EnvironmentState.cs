namespace DevTools.Engine.Environments;

/// <summary>Where an execution environment is in its life; the moves between them are <see cref="EnvironmentLifecycle"/>'s table.</summary>
public enum EnvironmentState
{
    /// <summary>Waiting for an init slot, or the runtime process is starting and running init.</summary>
    Initializing,
    /// <summary>Serving an invoke (until the runtime is back at <c>/next</c>).</summary>
    Busy,
    /// <summary>Between invokes with every process stopped.</summary>
    Frozen,
    /// <summary>Between invokes, not frozen: after a reset (no process until the next invoke) or where freezing is off.</summary>
    Idle,
    /// <summary>Lambda's shutdown phase: the runtime is being stopped and /tmp removed; it takes no more invokes.</summary>
    Stopping,
    /// <summary>Retired: processes gone, /tmp removed.</summary>
    Stopped,
}
