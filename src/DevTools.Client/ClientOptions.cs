using DevTools.Protocol.Workspace;

namespace DevTools.Client;

/// <summary>How a client finds, or starts, the backend of a workspace.</summary>
public sealed class ClientOptions
{
    /// <summary>The workspace folder (the template's folder). Required unless <see cref="TemplatePath"/> is set.</summary>
    public string? Workspace { get; set; }

    /// <summary>The template to serve when the backend has to be started (default: the workspace's template.yaml).</summary>
    public string? TemplatePath { get; set; }

    /// <summary>Start the backend when none answers (otherwise <see cref="BackendUnavailableException"/>).</summary>
    public bool StartIfNotRunning { get; set; } = true;

    /// <summary>The command that starts a backend; <see cref="BackendStartCommand.Default"/> when null.</summary>
    public BackendStartCommand? StartCommand { get; set; }

    /// <summary>How long to wait for a started backend to answer.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Options passed to a backend this client starts (e.g. <c>--idle-timeout 60</c>, <c>--invoke-port 3001</c>).</summary>
    public IList<string> ServeArguments { get; set; } = [];

    internal string ResolveWorkspace()
    {
        if (!string.IsNullOrEmpty(Workspace)) return Path.GetFullPath(Workspace);
        if (!string.IsNullOrEmpty(TemplatePath)) return TemplateLocator.WorkspaceOf(TemplatePath!);
        throw new ArgumentException("Set Workspace or TemplatePath.");
    }
}
