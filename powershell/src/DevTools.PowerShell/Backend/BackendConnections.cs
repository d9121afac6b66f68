using System.Collections.Concurrent;
using DevTools.Client;
using DevTools.Protocol.Transport;
using DevTools.Protocol.Workspace;

namespace DevTools.PowerShell.Backend;

/// <summary>
/// The session's connections, one per workspace (<see cref="TemplateLocator.WorkspaceOf"/>), made by connect-or-start: the first
/// cmdlet to need a workspace's backend starts it when none answers; every PowerShell session, editor and
/// other client of that workspace then shares its engine and environments.
/// </summary>
internal static class BackendConnections
{
    private static readonly ConcurrentDictionary<string, BackendConnection> Connections = new(StringComparer.Ordinal);
    private static readonly SemaphoreSlim ConnectGate = new(1, 1);

    /// <summary>The live connection for the template's workspace, connecting (and starting the backend) if needed.</summary>
    public static BackendConnection Get(string templatePath, Action<string> verbose, CancellationToken cancellationToken)
    {
        var workspace = WorkspaceKey(templatePath);
        if (Connections.TryGetValue(workspace, out var existing) && existing.IsAlive) return Check(existing, templatePath);

        ConnectGate.Wait(cancellationToken);
        try
        {
            if (Connections.TryGetValue(workspace, out existing))
            {
                if (existing.IsAlive) return Check(existing, templatePath);
                Connections.TryRemove(workspace, out _);
                existing.Dispose();
                verbose($"The backend of {workspace} went away; connecting again.");
            }
            var connection = Connect(templatePath, workspace, start: true, verbose, cancellationToken)!;
            Connections[workspace] = connection;
            return Check(connection, templatePath);
        }
        finally
        {
            ConnectGate.Release();
        }
    }

    /// <summary>The connection when a backend already serves the workspace; null (nothing started) when none answers.</summary>
    public static BackendConnection? TryGetRunning(string templatePath, Action<string> verbose, CancellationToken cancellationToken)
    {
        var workspace = WorkspaceKey(templatePath);
        if (Connections.TryGetValue(workspace, out var existing) && existing.IsAlive) return existing;
        var connection = Connect(templatePath, workspace, start: false, verbose, cancellationToken);
        if (connection is not null) Connections[workspace] = connection;
        return connection;
    }

    /// <summary>A cached live connection only (no connect at all): for tab completion.</summary>
    public static BackendConnection? Cached(string templatePath) =>
        Connections.TryGetValue(WorkspaceKey(templatePath), out var existing) && existing.IsAlive ? existing : null;

    /// <summary>A connection of its own (not shared), e.g. for following the event stream with a filter.</summary>
    public static DevToolsClient ConnectDedicated(string templatePath, CancellationToken cancellationToken) =>
        DevToolsClient.ConnectOrStartAsync(Options(templatePath, start: true), cancellationToken).GetAwaiter().GetResult();

    public static void Forget(BackendConnection connection)
    {
        foreach (var pair in Connections)
            if (pair.Value == connection) Connections.TryRemove(pair.Key, out _);
        connection.Dispose();
    }

    public static void DisposeAll()
    {
        foreach (var key in Connections.Keys)
            if (Connections.TryRemove(key, out var connection)) connection.Dispose();
    }

    /// <summary>The workspace a template belongs to, as the connections are keyed (and its endpoint is derived).</summary>
    private static string WorkspaceKey(string templatePath) => WorkspaceEndpoint.NormalizeWorkspace(TemplateLocator.WorkspaceOf(templatePath));

    private static BackendConnection? Connect(string templatePath, string workspace, bool start, Action<string> verbose, CancellationToken cancellationToken)
    {
        var endpoint = WorkspaceEndpoint.For(workspace);
        DevToolsClient client;
        try
        {
            client = DevToolsClient.ConnectOrStartAsync(Options(templatePath, start: false), cancellationToken).GetAwaiter().GetResult();
        }
        catch (BackendUnavailableException)
        {
            if (!start) return null;
            verbose($"No backend serves {workspace} ({endpoint.Address}); starting one for {templatePath}.");
            client = DevToolsClient.ConnectOrStartAsync(Options(templatePath, start: true), cancellationToken).GetAwaiter().GetResult();
        }
        var info = client.GetEngineInfoAsync(cancellationToken).GetAwaiter().GetResult();
        verbose($"Connected to the backend of {workspace} on {endpoint.Address}: pid {info.ProcessId}, version {info.Version}, isolation {info.IsolationLevel}, {info.Clients} client(s), template {info.TemplatePath}.");
        return new BackendConnection(client, info, info.TemplatePath);
    }

    private static ClientOptions Options(string templatePath, bool start) => new()
    {
        TemplatePath = templatePath,
        StartIfNotRunning = start,
        // A backend the module starts serves the template's API routes and function URLs on free loopback ports, so
        // Get-LocalApiRoute has their URLs and Invoke-LocalApi can call them.
        ServeArguments = ["--api-port", "0"],
    };

    /// <summary>A workspace's backend serves one template: asking for another one in the same folder is an error.</summary>
    private static BackendConnection Check(BackendConnection connection, string templatePath)
    {
        if (!SamePath(connection.TemplatePath, templatePath))
            throw new TemplateMismatchException(templatePath, connection.TemplatePath, connection.Info.ProcessId);
        return connection;
    }

    internal static bool SamePath(string a, string b) =>
        string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}

/// <summary>The workspace's backend already serves another template of the same folder.</summary>
internal sealed class TemplateMismatchException(string requested, string served, int pid)
    : Exception($"The backend of this folder (pid {pid}) serves {served}, not {requested}. Stop it (Stop-LocalBackend -TemplatePath '{served}') to serve the other template.")
{
    public string Requested { get; } = requested;
    public string Served { get; } = served;
}
