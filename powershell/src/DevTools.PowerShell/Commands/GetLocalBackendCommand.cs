using System.Management.Automation;
using DevTools.Protocol;
using DevTools.Protocol.Transport;

namespace DevTools.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Gets the backend (devtools serve) that serves the template's folder, if one runs. Starts nothing.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "LocalBackend")]
[OutputType(typeof(LocalBackend))]
public sealed class GetLocalBackendCommand : DevToolsCmdlet
{
    protected override void ProcessRecord()
    {
        var templatePath = ResolveTemplate();
        if (RunningBackend(templatePath) is not { } connection) return;
        EngineInfo info = connection.Info;
        if (!Try(() => info = Call(connection.Client.GetEngineInfoAsync), templatePath)) return;
        WriteObject(ToBackend(info));
    }

    internal static LocalBackend ToBackend(EngineInfo info) => new()
    {
        ProcessId = info.ProcessId,
        Version = info.Version,
        ProtocolVersion = info.ProtocolVersion,
        Workspace = info.Workspace,
        TemplatePath = info.TemplatePath,
        IsolationLevel = info.IsolationLevel,
        InvokeApiAddress = info.InvokeApiAddress,
        Address = WorkspaceEndpoint.For(info.Workspace).Address,
        Clients = info.Clients,
        Capabilities = info.Capabilities.ToArray(),
        KeepWarmSeconds = info.Limits.KeepWarmSeconds,
        IdleShutdownSeconds = info.Limits.IdleShutdownSeconds,
        ConcurrencyLimit = info.Limits.ConcurrencyLimit,
    };
}
