using System.Reflection;
using DevTools.Engine;
using DevTools.Protocol;
using DevTools.Server.Hosting;

namespace DevTools.Server.Rpc.Engine;

/// <summary><c>lambda/engine/info</c>.</summary>
internal sealed class EngineInfoHandler(BackendContext context) : IRequestHandler<NoParams, EngineInfo>
{
    internal static string Version { get; } =
        typeof(EngineInfoHandler).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public string Method => ProtocolMethods.EngineInfo;

    public Task<EngineInfo> HandleAsync(NoParams parameters, CancellationToken cancellationToken)
    {
        var engine = context.Engine;
        return Task.FromResult(new EngineInfo
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
            Capabilities = ["invoke.cancel", "invoke.logTail", "invoke.clientContext", "events.filter", "events.samples", "environments.stop", "lsp.diagnostics", "lsp.codeLens", "lsp.executeCommand"],
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
        });
    }
}
