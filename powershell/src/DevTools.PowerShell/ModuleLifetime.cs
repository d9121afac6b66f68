using System.Management.Automation;
using DevTools.PowerShell.Backend;

namespace DevTools.PowerShell;

/// <summary>Remove-Module closes the session's connections (the backend carries on for its other clients, or exits when idle).</summary>
public sealed class ModuleLifetime : IModuleAssemblyCleanup
{
    public void OnRemove(PSModuleInfo psModuleInfo) => BackendConnections.DisposeAll();
}
