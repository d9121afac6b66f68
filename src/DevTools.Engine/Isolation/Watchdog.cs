using System.Diagnostics;

namespace DevTools.Engine.Isolation;

/// <summary>
/// The engine's dead-man switch: a small shell process in its own session that learns what the
/// engine creates (process groups, cgroups, mounts, its workspace) and, when the engine's end of its
/// stdin closes — including when the engine is SIGKILLed — removes whatever is still there.
/// </summary>
internal sealed class Watchdog : IAsyncDisposable
{
    private readonly Process? _process;
    private readonly object _gate = new();

    private Watchdog(Process? process) => _process = process;

    public static Watchdog Start(IsolationCapabilities capabilities)
    {
        if (!capabilities.IsLinux || capabilities.ShellPath is null) return new Watchdog(null);
        var script = Path.Combine(AppContext.BaseDirectory, "Isolation", "watchdog.sh");
        var psi = new ProcessStartInfo(capabilities.SetsidPath ?? capabilities.ShellPath)
        {
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (capabilities.SetsidPath is not null) psi.ArgumentList.Add(capabilities.ShellPath);
        psi.ArgumentList.Add(script);
        return new Watchdog(Process.Start(psi));
    }

    public void Track(string kind, string value) => Send('+', kind, value);

    public void Untrack(string kind, string value) => Send('-', kind, value);

    private void Send(char op, string kind, string value)
    {
        if (_process is null) return;
        lock (_gate)
        {
            try
            {
                _process.StandardInput.Write($"{op}{kind} {value}\n");
                _process.StandardInput.Flush();
            }
            catch (IOException) { } // the watchdog is gone; the engine's own shutdown still cleans up
            catch (ObjectDisposedException) { }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is null) return;
        lock (_gate) _process.StandardInput.Close();
        try { await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false); }
        catch (TimeoutException) { _process.Kill(); }
        _process.Dispose();
    }
}
