using System.Diagnostics;
using System.Management.Automation;
using DevTools.PowerShell.Backend;

namespace DevTools.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Stops the backend that serves the template's folder: its environments are retired and every client is disconnected.</para>
/// Without it, a backend exits by itself once no client is connected and no environment is left (see Get-LocalBackend).
/// </summary>
[Cmdlet(VerbsLifecycle.Stop, "LocalBackend", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(LocalBackend))]
public sealed class StopLocalBackendCommand : DevToolsCmdlet
{
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var templatePath = ResolveTemplate();
        if (RunningBackend(templatePath) is not { } connection) return;
        var info = connection.Info;
        if (!ShouldProcess($"backend pid {info.ProcessId} of {info.Workspace}", "Stop")) return;
        Try(() => Call(connection.Client.ShutdownAsync), templatePath);
        BackendConnections.Forget(connection);
        WaitForExit(info.ProcessId, TimeSpan.FromSeconds(15));
        if (PassThru) WriteObject(GetLocalBackendCommand.ToBackend(info));
    }

    /// <summary>Returns once the backend's process is gone, so a caller can rely on it (tests, scripts that start another).</summary>
    private void WaitForExit(int pid, TimeSpan within)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            if (!process.WaitForExit((int)within.TotalMilliseconds))
                WriteWarning($"The backend (pid {pid}) is still running {within.TotalSeconds:0} s after it was asked to stop.");
            else
                WriteVerbose($"The backend (pid {pid}) stopped.");
        }
        catch (ArgumentException) { /* already gone */ }
        catch (InvalidOperationException) { }
    }
}
