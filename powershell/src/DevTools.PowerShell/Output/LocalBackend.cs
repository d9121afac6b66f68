namespace DevTools.PowerShell;

/// <summary>The backend (<c>devtools serve</c>) that serves a workspace, as Get-LocalBackend shows it.</summary>
public sealed class LocalBackend
{
    public int ProcessId { get; init; }
    public string Version { get; init; } = "";
    public string ProtocolVersion { get; init; } = "";
    public string Workspace { get; init; } = "";
    public string TemplatePath { get; init; } = "";
    public string IsolationLevel { get; init; } = "";
    public string? InvokeApiAddress { get; init; }

    /// <summary>Where clients connect: <c>unix:/…/key.sock</c> or a named pipe.</summary>
    public string Address { get; init; } = "";

    /// <summary>Clients connected right now, this session included.</summary>
    public int Clients { get; init; }

    public string[] Capabilities { get; init; } = [];
    public double KeepWarmSeconds { get; init; }
    public double IdleShutdownSeconds { get; init; }
    public int ConcurrencyLimit { get; init; }
}
