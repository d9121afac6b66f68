using DevTools.Engine.Events;
using DevTools.Engine.Isolation;
using DevTools.Engine.Runtimes;

namespace DevTools.Engine.Environments;

/// <summary>What every environment of one engine shares.</summary>
public sealed class EngineContext(EngineOptions options, LifecycleEventHub events, SandboxFactory sandboxes)
{
    public EngineOptions Options { get; } = options;
    public LifecycleEventHub Events { get; } = events;
    public SandboxFactory Sandboxes { get; } = sandboxes;
    public RuntimeLauncher Launcher { get; } = new(options);

    /// <summary>Whether environments are frozen between invokes (the option, where the machine can).</summary>
    public bool Freezes => Options.Freeze && Sandboxes.Plan.Level != IsolationLevel.None;
}
