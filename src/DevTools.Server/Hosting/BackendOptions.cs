using DevTools.Engine;
using DevTools.Engine.Catalog;
using DevTools.Protocol.Workspace;

namespace DevTools.Server.Hosting;

/// <summary>How <c>devtools serve</c> runs the backend of one workspace.</summary>
public sealed record BackendOptions
{
    /// <summary>How long the backend waits with no client and no environment before it exits.</summary>
    public static readonly TimeSpan DefaultIdleGrace = TimeSpan.FromMinutes(5);

    /// <summary>The template the engine serves; its folder is the workspace.</summary>
    public required string TemplatePath { get; init; }

    public TemplateOptions TemplateOptions { get; init; } = new();
    public EngineOptions EngineOptions { get; init; } = new();
    public TimeSpan IdleGrace { get; init; } = DefaultIdleGrace;

    /// <summary>Also serve the Invoke HTTP API on 127.0.0.1 at this port (0: any free port); null: not at all.</summary>
    public int? InvokeApiPort { get; init; }

    /// <summary>Serve the template's API routes (and function URLs on the ports after it) at this loopback port; null: not at all.</summary>
    public int? ApiPort { get; init; }

    /// <summary>The per-user directory for sockets and lock files; the default one when null (tests may isolate it).</summary>
    public string? RuntimeDirectory { get; init; }

    /// <summary>The workspace folder (<see cref="TemplateLocator.WorkspaceOf"/>).</summary>
    public string Workspace => TemplateLocator.WorkspaceOf(TemplatePath);
}
