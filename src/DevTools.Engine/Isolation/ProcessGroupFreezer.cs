namespace DevTools.Engine.Isolation;

/// <summary>
/// Freezes the runtime's process group with SIGSTOP and thaws it with SIGCONT.
/// Known gap: a child that moved to another process group or session (a daemon) keeps
/// running; the cgroup freezer closes that gap where it is available.
/// </summary>
public sealed class ProcessGroupFreezer : IFreezer
{
    public string Level => IsolationLevel.ProcessGroup;

    public void Freeze(RuntimeProcess process) => process.SignalGroup(Native.SIGSTOP);

    public void Thaw(RuntimeProcess process) => process.SignalGroup(Native.SIGCONT);
}

/// <summary>Used where processes cannot be stopped: the environment is reused but not frozen.</summary>
public sealed class NoFreezer : IFreezer
{
    public string Level => IsolationLevel.None;
    public void Freeze(RuntimeProcess process) { }
    public void Thaw(RuntimeProcess process) { }
}
