namespace DevTools.Protocol;

/// <summary>The result of <c>lambda/engine/info</c>: what this backend is and what it can do.</summary>
public sealed class EngineInfo
{
    /// <summary>The backend's version (one version for the engine, the CLI and the clients).</summary>
    public string Version { get; set; } = "";

    /// <summary>The protocol's version; a client refuses a backend with another major version.</summary>
    public string ProtocolVersion { get; set; } = ProtocolConstants.ProtocolVersion;

    public int ProcessId { get; set; }

    /// <summary>The workspace folder the backend serves.</summary>
    public string Workspace { get; set; } = "";

    public string TemplatePath { get; set; } = "";

    /// <summary>The isolation level environments run under here (<c>process-group</c>, <c>none</c>, ...).</summary>
    public string IsolationLevel { get; set; } = "";

    /// <summary>Every isolation level this engine knows, best first.</summary>
    public List<string> IsolationLevels { get; set; } = [];

    /// <summary>Whether idle environments are frozen (<c>environment.frozen</c> records follow invokes); false with <c>--no-freeze</c>.</summary>
    public bool FreezesEnvironments { get; set; }

    /// <summary>The Invoke HTTP API's base address when the backend serves it (<c>--invoke-port</c>).</summary>
    public string? InvokeApiAddress { get; set; }

    public EngineLimits Limits { get; set; } = new();

    /// <summary>Feature names clients may test for (<c>invoke.cancel</c>, <c>events.filter</c>, <c>lsp</c>, ...).</summary>
    public List<string> Capabilities { get; set; } = [];

    /// <summary>Clients connected right now, this one included.</summary>
    public int Clients { get; set; }
}

/// <summary>The Lambda limits and pool settings the engine applies.</summary>
public sealed class EngineLimits
{
    public int MinMemoryMb { get; set; }
    public int MaxMemoryMb { get; set; }
    public int MinTimeoutSeconds { get; set; }
    public int MaxTimeoutSeconds { get; set; }
    public int MinEphemeralStorageMb { get; set; }
    public int MaxEphemeralStorageMb { get; set; }
    public int MaxSyncPayloadBytes { get; set; }
    public int MaxAsyncPayloadBytes { get; set; }
    public int LogTailBytes { get; set; }
    public int ConcurrencyLimit { get; set; }
    public double KeepWarmSeconds { get; set; }
    public double IdleShutdownSeconds { get; set; }
}

public static class ProtocolConstants
{
    public const string ProtocolVersion = "1.0";
}
