using System.Reflection;
using DevTools.Engine;
using DevTools.Engine.Isolation;
using DevTools.Protocol;
using DevTools.Server.Hosting;
using StreamJsonRpc;

namespace DevTools.Server.Rpc.Engine;

/// <summary><c>lambda/engine/info</c> and <c>lambda/shutdown</c>.</summary>
internal sealed class EngineHandler(BackendContext context)
{
    internal static string Version { get; } =
        typeof(EngineHandler).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    [JsonRpcMethod(ProtocolMethods.EngineInfo)]
    public EngineInfo GetInfo()
    {
        var engine = context.Engine;
        return new EngineInfo
        {
            Version = Version,
            ProcessId = Environment.ProcessId,
            Workspace = context.Options.Workspace,
            TemplatePath = engine.Catalog.TemplatePath,
            IsolationLevel = engine.Isolation.Level,
            IsolationLevels = [.. LambdaEngine.DetectedCapabilities.Value.AvailableLevels()],
            FreezesEnvironments = engine.FreezesEnvironments,
            InvokeApiAddress = context.Control.InvokeApiAddress,
            Clients = context.Control.ClientCount,
            Capabilities = ["invoke.cancel", "invoke.logTail", "invoke.clientContext", "events.filter", "environments.stop", "lsp.diagnostics", "lsp.codeLens", "lsp.executeCommand"],
            Limits = new EngineLimits
            {
                MinMemoryMb = LambdaLimits.MinMemoryMb,
                MaxMemoryMb = LambdaLimits.MaxMemoryMb,
                MinTimeoutSeconds = LambdaLimits.MinTimeoutSeconds,
                MaxTimeoutSeconds = LambdaLimits.MaxTimeoutSeconds,
                MinEphemeralStorageMb = LambdaLimits.MinEphemeralStorageMb,
                MaxEphemeralStorageMb = LambdaLimits.MaxEphemeralStorageMb,
                MaxSyncPayloadBytes = LambdaLimits.MaxSyncRequestBytes,
                MaxAsyncPayloadBytes = LambdaLimits.MaxAsyncRequestBytes,
                LogTailBytes = LambdaLimits.LogTailBytes,
                ConcurrencyLimit = engine.Options.ConcurrencyLimit,
                KeepWarmSeconds = engine.Options.KeepWarm.TotalSeconds,
                IdleShutdownSeconds = context.Options.IdleGrace.TotalSeconds,
            },
        };
    }

    /// <summary>Answers, then stops the backend: environments are retired and every client is disconnected.</summary>
    [JsonRpcMethod(ProtocolMethods.Shutdown)]
    public void Shutdown() => context.Control.RequestShutdown("a client asked for it (lambda/shutdown)");
}
