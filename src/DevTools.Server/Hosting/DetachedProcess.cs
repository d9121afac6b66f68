using System.Runtime.InteropServices;
using DevTools.Protocol.Transport;

namespace DevTools.Server.Hosting;

/// <summary>
/// <c>serve --detach</c>, as clients start the backend: a session of its own (no terminal's Ctrl+C or hang-up
/// reaches it) and its output in the log file next to the socket, where a client can show it when start-up fails.
/// </summary>
public static class DetachedProcess
{
    public static BackendLog Detach(WorkspaceEndpoint endpoint)
    {
        RuntimeDirectory.Ensure(endpoint.RuntimeDirectory);
        if (!OperatingSystem.IsWindows()) _ = SetSid();
        var writer = new StreamWriter(new FileStream(endpoint.LogPath, FileMode.Create, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete)) { AutoFlush = true };
        Console.SetOut(writer);
        Console.SetError(writer);
        return new BackendLog(writer);
    }

    [DllImport("libc", EntryPoint = "setsid")]
    private static extern int SetSid();
}
