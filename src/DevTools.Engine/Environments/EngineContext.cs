using DevTools.Engine.Events;
using DevTools.Engine.Isolation;
using DevTools.Engine.Runtimes;
using DevTools.Engine.Runtimes.Sdk;

namespace DevTools.Engine.Environments;

/// <summary>What every environment of one engine shares.</summary>
public sealed class EngineContext(EngineOptions options, LifecycleEventHub events, SandboxFactory sandboxes)
{
    public EngineOptions Options { get; } = options;
    public LifecycleEventHub Events { get; } = events;
    public SandboxFactory Sandboxes { get; } = sandboxes;
    public RuntimeLauncher Launcher { get; } = new(options);

    /// <summary>The SDKs Lambda's runtimes carry, fetched for the functions that import them.</summary>
    public RuntimeSdkProvider RuntimeSdks { get; } = new(options, events);

    /// <summary>Each function's layers, merged as Lambda's <c>/opt</c>.</summary>
    internal Layers.LayerStore Layers { get; } = new(sandboxes.WorkspaceRoot);

    /// <summary>Slots for running an init (see <see cref="EngineOptions.MaxConcurrentInits"/>).</summary>
    public SemaphoreSlim InitSlots { get; } = new(Math.Max(1, options.MaxConcurrentInits));

    /// <summary>Whether environments are frozen between invokes (the option, where the machine can).</summary>
    public bool Freezes => Options.Freeze && Sandboxes.Plan.Level != IsolationLevel.None;
}
