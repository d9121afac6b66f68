using DevTools.Engine;
using DevTools.Engine.Catalog;
using DevTools.Engine.Invocation;
using DevTools.Server.Rpc.Events;

namespace DevTools.Server.Hosting;

/// <summary>What every connection's handlers share: the one engine, its event broadcaster, and the host's controls.</summary>
internal sealed class BackendContext(LambdaEngine engine, BackendOptions options, EventBroadcaster events, BackendLog log, IBackendControl control)
{
    public LambdaEngine Engine { get; } = engine;
    public BackendOptions Options { get; } = options;
    public EventBroadcaster Events { get; } = events;
    public BackendLog Log { get; } = log;
    public IBackendControl Control { get; } = control;

    /// <summary>The function a client named (any name the Invoke API takes; the engine's 404 otherwise); null when none was named.</summary>
    public FunctionConfiguration? FunctionNamed(string? name) =>
        string.IsNullOrEmpty(name) ? null : FunctionResolver.Resolve(Engine.Catalog, name, null, Engine.Options);
}

/// <summary>What handlers may ask of the host.</summary>
internal interface IBackendControl
{
    int ClientCount { get; }
    string? ListenAddress { get; }
    string? InvokeApiAddress { get; }
    ApiGateway.ApiGatewayServer? ApiGateway { get; }
    void RequestShutdown(string reason);
}
