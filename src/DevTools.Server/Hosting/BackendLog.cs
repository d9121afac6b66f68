namespace DevTools.Server.Hosting;

/// <summary>
/// The backend's own diagnostics (listening, clients, errors) as timestamped lines. It goes to stderr,
/// or to the log file next to the socket when detached; never to stdout, which carries JSON-RPC in stdio mode.
/// </summary>
public sealed class BackendLog(TextWriter writer)
{
    private readonly object _gate = new();

    public static BackendLog Null { get; } = new(TextWriter.Null);

    public void Write(string message)
    {
        lock (_gate)
        {
            try
            {
                writer.WriteLine($"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} {message}");
                writer.Flush();
            }
            catch (IOException) { } // a closed log must never stop the backend
            catch (ObjectDisposedException) { }
        }
    }
}
