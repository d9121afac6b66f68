using DevTools.Engine.Events;
using DevTools.Engine.Isolation;
using DevTools.Engine.Runtimes;

namespace DevTools.Engine.Environments;

/// <summary>What every environment of one engine shares.</summary>
public sealed class EngineContext(EngineOptions options, LifecycleEventHub events, IFreezer freezer, string workspaceRoot)
{
    public EngineOptions Options { get; } = options;
    public LifecycleEventHub Events { get; } = events;
    public IFreezer Freezer { get; } = options.Freeze ? freezer : new NoFreezer();
    public RuntimeLauncher Launcher { get; } = new(options);
    public string WorkspaceRoot { get; } = workspaceRoot;
}
