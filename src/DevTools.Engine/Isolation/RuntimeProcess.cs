using System.Buffers;
using System.Diagnostics;
using System.IO.Pipes;
using System.Text;

namespace DevTools.Engine.Isolation;

/// <summary>
/// A runtime process under supervision: started in its own session and process group (so the
/// group can be frozen and killed as one), with its stdout/stderr read as lines and its exit observed.
/// </summary>
public sealed class RuntimeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Action<string, bool> _onLine;
    private readonly Task _stdoutPump;
    private readonly Task _stderrPump;
    private readonly nint _stdoutFd;
    private readonly nint _stderrFd;
    private int _pumpsBusy;

    private RuntimeProcess(Process process, bool ownsProcessGroup, Action<string, bool> onLine)
    {
        _process = process;
        _onLine = onLine;
        Pid = process.Id;
        OwnsProcessGroup = ownsProcessGroup;
        Exited = process.WaitForExitAsync();
        var stdout = process.StandardOutput.BaseStream;
        var stderr = process.StandardError.BaseStream;
        _stdoutFd = (stdout as PipeStream)?.SafePipeHandle.DangerousGetHandle() ?? -1;
        _stderrFd = (stderr as PipeStream)?.SafePipeHandle.DangerousGetHandle() ?? -1;
        _stdoutPump = Task.Run(() => PumpAsync(stdout, isStderr: false));
        _stderrPump = Task.Run(() => PumpAsync(stderr, isStderr: true));
    }

    public int Pid { get; }

    /// <summary>True when the process leads its own process group (so group signals reach only the environment).</summary>
    public bool OwnsProcessGroup { get; }

    /// <summary>Completes when the process has exited.</summary>
    public Task Exited { get; }

    public bool HasExited => Exited.IsCompleted;

    /// <summary>Starts the process as specified (the sandbox has already wrapped it). Each complete line of output is passed to <paramref name="onLine"/> (line, isStderr).</summary>
    public static RuntimeProcess Start(ProcessStartSpec spec, Action<string, bool> onLine)
    {
        var psi = new ProcessStartInfo(spec.FileName)
        {
            WorkingDirectory = spec.WorkingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in spec.Arguments) psi.ArgumentList.Add(arg);
        psi.Environment.Clear();
        foreach (var (key, value) in spec.Environment) psi.Environment[key] = value;

        var process = Process.Start(psi) ?? throw new InvalidOperationException("The runtime process did not start.");
        process.StandardInput.Close();
        return new RuntimeProcess(process, spec.OwnsProcessGroup, onLine);
    }

    /// <summary>Signals every process in the environment's group (or just the runtime when it has no group of its own).</summary>
    public void SignalGroup(int signal)
    {
        if (HasExited && signal != Native.SIGKILL) return;
        Native.Kill(OwnsProcessGroup ? -Pid : Pid, signal);
    }

    /// <summary>Kills the whole group now.</summary>
    public void Kill()
    {
        SignalGroup(Native.SIGCONT); // a stopped process must run to die of SIGTERM; SIGKILL works regardless
        SignalGroup(Native.SIGKILL);
    }

    /// <summary>How the process ended, as the Runtime API's ExitError message puts it.</summary>
    public string ExitDescription()
    {
        if (!HasExited) return "running";
        var code = _process.ExitCode;
        if (code > 128 && code < 128 + 32) return "signal: " + SignalName(code - 128);
        return "exit status " + code;
    }

    /// <summary>How it ended; null while it runs.</summary>
    internal ProcessExit? Exit => HasExited ? new ProcessExit(_process.ExitCode, ExitDescription()) : null;

    /// <summary>Waits until every line the process wrote so far has been delivered to the callback.</summary>
    public async ValueTask DrainOutputAsync(TimeSpan limit)
    {
        var deadline = Environment.TickCount64 + (long)limit.TotalMilliseconds;
        var spins = 0;
        while (Environment.TickCount64 < deadline)
        {
            var pending = Volatile.Read(ref _pumpsBusy) > 0 || Pending(_stdoutFd) || Pending(_stderrFd);
            if (!pending) return;
            if (spins++ < 20) await Task.Yield();
            else await Task.Delay(1);
        }
    }

    private static bool Pending(nint fd) => fd >= 0 && Native.BytesAvailable(fd) > 0;

    private async Task PumpAsync(Stream stream, bool isStderr)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        var partial = new MemoryStream();
        try
        {
            while (true)
            {
                int read;
                try { read = await stream.ReadAsync(buffer.AsMemory()).ConfigureAwait(false); }
                catch (IOException) { break; }
                catch (ObjectDisposedException) { break; }
                if (read == 0) break;
                Interlocked.Increment(ref _pumpsBusy);
                try
                {
                    var span = buffer.AsSpan(0, read);
                    int newline;
                    while ((newline = span.IndexOf((byte)'\n')) >= 0)
                    {
                        var lineBytes = span[..newline];
                        if (partial.Length > 0)
                        {
                            partial.Write(lineBytes);
                            Emit(partial.GetBuffer().AsSpan(0, (int)partial.Length), isStderr);
                            partial.SetLength(0);
                        }
                        else
                        {
                            Emit(lineBytes, isStderr);
                        }
                        span = span[(newline + 1)..];
                    }
                    if (!span.IsEmpty) partial.Write(span);
                }
                finally { Interlocked.Decrement(ref _pumpsBusy); }
            }
            if (partial.Length > 0) Emit(partial.GetBuffer().AsSpan(0, (int)partial.Length), isStderr);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Emit(ReadOnlySpan<byte> line, bool isStderr)
    {
        if (!line.IsEmpty && line[^1] == (byte)'\r') line = line[..^1];
        try { _onLine(Encoding.UTF8.GetString(line), isStderr); }
        catch { /* output handling must not stop the pump */ }
    }

    public async ValueTask DisposeAsync()
    {
        if (!HasExited) Kill();
        try { await Exited.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false); } catch (TimeoutException) { }
        try { await Task.WhenAll(_stdoutPump, _stderrPump).WaitAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false); } catch (TimeoutException) { }
        _process.Dispose();
    }

    private static string SignalName(int signal) => signal switch
    {
        1 => "hangup",
        2 => "interrupt",
        3 => "quit",
        4 => "illegal instruction",
        6 => "aborted",
        7 => "bus error",
        8 => "floating point exception",
        9 => "killed",
        11 => "segmentation fault",
        13 => "broken pipe",
        15 => "terminated",
        _ => "signal " + signal,
    };
}
